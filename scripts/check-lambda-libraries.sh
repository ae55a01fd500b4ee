#!/usr/bin/env bash
# Checks that each Lambda zip's bootstrap loads on provided.al2023: every shared library it needs (ELF NEEDED)
# is one the runtime ships (deploy/provided.al2023-libraries.txt), no Swift runtime or Foundation library is
# needed (they must be linked in statically), and no glibc symbol is newer than the runtime's glibc 2.34.
#
# Usage: scripts/check-lambda-libraries.sh [--strict] ZIP…
#   The shared libraries are always checked. The glibc symbol versions (GLIBC_MAX, default 2.34) fail the check
#   only with --strict, which the deployable build in the Amazon Linux 2023 image uses; a zip built here for local
#   runs (Debian's glibc is newer) gets a warning saying it is not the one to deploy.
set -euo pipefail
cd "$(dirname "$0")/.."
allowed=$(grep -v '^#' deploy/provided.al2023-libraries.txt | sed '/^$/d' | sort -u)
glibc_max="${GLIBC_MAX:-2.34}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strict=false
if [ "${1:-}" = "--strict" ]; then
  strict=true
  shift
fi
status=0
for zip in "$@"; do
  name=$(basename "$zip" .zip)
  mkdir -p "$work/$name"
  unzip -q -o "$zip" -d "$work/$name"
  bootstrap="$work/$name/bootstrap"
  if [ ! -x "$bootstrap" ]; then
    echo "check-lambda-libraries: $zip has no executable bootstrap at its root" >&2
    status=1
    continue
  fi
  needed=$(readelf -d "$bootstrap" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)
  missing=$(comm -23 <(echo "$needed") <(echo "$allowed"))
  if [ -n "$missing" ]; then
    echo "check-lambda-libraries: $zip needs libraries provided.al2023 does not ship: $(echo $missing)" >&2
    status=1
  fi
  # The newest GLIBC_x.y symbol version the bootstrap asks for.
  newest=$(readelf -V "$bootstrap" | grep -oE 'GLIBC_[0-9]+\.[0-9]+' | sed 's/GLIBC_//' | sort -t. -k1,1n -k2,2n | tail -1)
  if [ -n "$newest" ] && [ "$(printf '%s\n%s\n' "$newest" "$glibc_max" | sort -t. -k1,1n -k2,2n | tail -1)" != "$glibc_max" ]; then
    if $strict; then
      echo "check-lambda-libraries: $zip needs glibc $newest symbols; provided.al2023 has glibc $glibc_max" >&2
      status=1
    else
      echo "check-lambda-libraries: warning: $zip needs glibc $newest symbols (provided.al2023 has $glibc_max):" \
        "fine for local runs; deploy the zips of scripts/package-lambda.sh --docker" >&2
    fi
  fi
  echo "check-lambda-libraries: $zip: needs $(echo $needed | tr ' ' ','); newest glibc symbols $newest"
done
exit $status
