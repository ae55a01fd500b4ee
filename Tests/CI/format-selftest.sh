#!/usr/bin/env bash
# Proves that scripts/format.sh --check can fail: a deliberately mis-formatted file (unsorted imports, a line over
# 120 columns, two-space indentation) must fail the check, and the same file after scripts/format.sh must pass.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/Misformatted.swift"
cat > "$file" <<'SWIFT'
import Logging
import Foundation

func misformatted(first: Int, second: Int, third: Int, fourth: Int, fifth: Int, sixth: Int, seventh: Int) -> Int {
  return first + second + third + fourth + fifth + sixth + seventh
}
SWIFT
if "$here/scripts/format.sh" --check "$file" > "$work/log" 2>&1; then
  echo "format-selftest: a mis-formatted file passed the check" >&2
  exit 1
fi
grep -q 'OrderedImports' "$work/log" || { cat "$work/log"; echo "format-selftest: no import-order finding" >&2; exit 1; }
"$here/scripts/format.sh" "$file"
"$here/scripts/format.sh" --check "$file" > /dev/null
echo "format-selftest: a mis-formatted file fails the check, and passes once formatted"
