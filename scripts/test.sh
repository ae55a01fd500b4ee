#!/usr/bin/env bash
# Runs every test of the package: builds once, then each test target in its own `swift test` process, one after
# another. Swift Testing runs a target's tests in parallel; running all targets at once on a 2-core machine
# starves the tests that start real processes (Lambda bootstraps, the AWS CLI) past their deadlines.
set -uo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests || exit 1

passed=0
failed=0
failed_targets=()
for dir in Tests/*Tests; do
  target=$(basename "$dir")
  log=$(mktemp)
  echo "== $target"
  swift test --skip-build --filter "^${target}\." 2>&1 | tee "$log" | grep -E '^(✘|✔ Test run)|^error:' || true
  status=${PIPESTATUS[0]}
  count=$(grep -oE 'Test run with [0-9]+ tests?' "$log" | grep -oE '[0-9]+' | tail -1)
  count=${count:-0}
  if [ "$status" -eq 0 ]; then
    passed=$((passed + count))
  else
    broken=$(grep -E '^✘ Test .* failed after' "$log" | wc -l)
    failed=$((failed + (broken > 0 ? broken : 1)))
    failed_targets+=("$target")
    sed -n '1,400p' "$log" | grep -E '✘' | head -40
  fi
  rm -f "$log"
done

if [ ${#failed_targets[@]} -gt 0 ]; then
  echo "failing targets: ${failed_targets[*]}"
fi
echo "tests: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
