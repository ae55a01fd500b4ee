#!/usr/bin/env bash
# The artifact we would deploy, run for real: builds producer.zip and consumer.zip with scripts/package-lambda.sh,
# unzips them, and runs two scenarios (a burst of alerts; Asana down until the DLQ, then a re-drive) with THOSE
# bootstraps under the emulator, not the build folder's executables. Also proves the library check can fail: a
# debug build (which needs the Swift runtime's shared libraries) must be refused.
# Needs the debug devstack (scripts/test.sh builds it first).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

scripts/package-lambda.sh --out "$work/dist"
mkdir -p "$work/unzipped/producer" "$work/unzipped/consumer" "$work/products"
unzip -q "$work/dist/producer.zip" -d "$work/unzipped/producer"
unzip -q "$work/dist/consumer.zip" -d "$work/unzipped/consumer"
[ "$(cd "$work/unzipped/producer" && ls)" = "bootstrap" ] || { echo "producer.zip must hold only bootstrap" >&2; exit 1; }
[ "$(cd "$work/unzipped/consumer" && ls | tr '\n' ' ')" = "bootstrap routing.yaml " ] \
  || { echo "consumer.zip must hold bootstrap and routing.yaml" >&2; exit 1; }
cmp -s "$work/unzipped/consumer/routing.yaml" config/routing.yaml \
  || { echo "consumer.zip's routing.yaml is not config/routing.yaml" >&2; exit 1; }
# The stack names its executables producer and consumer: the unzipped bootstraps take those names.
cp "$work/unzipped/producer/bootstrap" "$work/products/producer"
cp "$work/unzipped/consumer/bootstrap" "$work/products/consumer"

.build/debug/devstack scenario run fixtures/scenarios/01-burst.yaml fixtures/scenarios/03-asana-down.yaml \
  --products "$work/products" --junit "$work/scenarios.xml"
grep -q 'failures="0" errors="0"' "$work/scenarios.xml"

# The check refuses what provided.al2023 cannot load.
mkdir -p "$work/debug"
cp .build/debug/producer "$work/debug/bootstrap"
(cd "$work/debug" && zip -q -X debug.zip bootstrap)
if scripts/check-lambda-libraries.sh "$work/debug/debug.zip" > "$work/check.log" 2>&1; then
  echo "a debug build (Swift runtime as shared libraries) passed the library check" >&2
  exit 1
fi
grep -q 'does not ship: .*libswiftCore.so' "$work/check.log" || { cat "$work/check.log"; exit 1; }
echo "lambda-package-test: the unzipped producer and consumer ran the scenarios; a debug build is refused"
