#!/usr/bin/env bash
# Formats every Swift file of the package with the toolchain's `swift format` and the root `.swift-format`.
#
#   scripts/format.sh           rewrite the files in place
#   scripts/format.sh --check   change nothing; fail, naming each file, if any file is not formatted or breaks a
#                               lint rule (what CI and `.ci/run` run first)
#   scripts/format.sh --check FILE…   the same, for the files named
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
if [ "${1:-}" = "--check" ]; then
  check=true
  shift
fi

if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files -- 'Package.swift' 'Sources/*.swift' 'Tests/*.swift' 'Benchmarks/*.swift' \
    | while read -r f; do [ -f "$f" ] && echo "$f"; done)
  # New files not yet added to git count too.
  mapfile -t -O "${#files[@]}" files < <(git ls-files --others --exclude-standard -- 'Sources/*.swift' \
    'Tests/*.swift' 'Benchmarks/*.swift')
fi
[ ${#files[@]} -gt 0 ] || { echo "format: no Swift files" >&2; exit 1; }

if ! $check; then
  swift format format --configuration .swift-format --in-place --parallel "${files[@]}"
  exit 0
fi

# `lint --strict` reports both a difference from the formatted text and a broken lint rule, as errors.
if ! swift format lint --configuration .swift-format --strict --parallel "${files[@]}" 2>&1; then
  echo "format: the files above are not formatted; run scripts/format.sh and commit the result" >&2
  exit 1
fi
echo "format: ${#files[@]} files formatted"
