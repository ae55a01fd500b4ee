#!/usr/bin/env bash
# Runs every test of the package: builds once, then each test target in its own `swift test` process, one after
# another. Swift Testing runs a target's tests in parallel; running all targets at once on a 2-core machine
# starves the tests that start real processes (Lambda bootstraps, the AWS CLI) past their deadlines.
#
# First the checks that need no build, each a JUnit test case too: the format check (scripts/format.sh --check),
# the CircleCI configuration against CircleCI's published schema, the format and JUnit self-tests (a mis-formatted
# file fails the check; a failing test shows by name) and deploy/'s Pulumi mock tests. Their Python tools come
# from scripts/install-deps.sh. Last, the Lambda packages are built and the unzipped bootstraps run two scenarios,
# and the Docker image and compose stack run on a real engine (scripts/docker-check.sh; as root only).
#
# Usage: scripts/test.sh [--junit DIR] [--package-path DIR]
#   --junit DIR          one JUnit file per test target, DIR/<Target>.xml (or set JUNIT_DIR): every test case
#                        with its time and, when it failed, its message. A target that crashed before writing
#                        its report gets one <error> test case named after it, so a failure always shows by name.
#   --package-path DIR   the package to test (default: this repository), without the checks; the JUnit
#                        self-test uses it.
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
junit="${JUNIT_DIR:-}"
package="$here"
while [ $# -gt 0 ]; do
  case "$1" in
    --junit) junit="${2:?--junit needs a folder}"; shift 2 ;;
    --package-path) package="${2:?--package-path needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "test.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [ -n "$junit" ]; then
  mkdir -p "$junit" && junit="$(cd "$junit" && pwd)"
fi
cd "$package" || exit 2

passed=0
failed=0
failed_targets=()

# One check: runs the command, prints its output on failure, counts it, and writes it as a JUnit test case.
check() {
  local name=$1
  shift
  local log started seconds status
  log=$(mktemp)
  echo "== check: $name"
  started=$EPOCHREALTIME
  "$@" > "$log" 2>&1
  status=$?
  seconds=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
  tail -n 1 "$log"
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failed_targets+=("check:$name")
    tail -n 60 "$log"
  fi
  if [ -n "$junit" ]; then
    if [ "$status" -eq 0 ]; then
      junit_case "$junit/check-$name.xml" checks "$name" "$seconds"
    else
      junit_case "$junit/check-$name.xml" checks "$name" "$seconds" failure CheckFailed \
        "$name failed (exit $status)" "$(tail -n 60 "$log")"
    fi
  fi
  rm -f "$log"
}

# A JUnit file of one test case: junit_case FILE SUITE NAME SECONDS [failure|error TYPE MESSAGE TEXT].
junit_case() {
  local file=$1 suite=$2 name=$3 seconds=$4 kind=${5:-} type=${6:-} message=${7:-} text=${8:-}
  local failures=0 errors=0 result=""
  if [ -n "$kind" ]; then
    [ "$kind" = failure ] && failures=1 || errors=1
    result="<$kind message=\"$(printf '%s' "$message" | xml_text)\" type=\"$type\">$(printf '%s' "$text" | xml_text)</$kind>"
  fi
  cat > "$file" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="$suite" errors="$errors" tests="1" failures="$failures" skipped="0" time="$seconds">
    <testcase classname="$suite" name="$(printf '%s' "$name" | xml_text)" time="$seconds">$result</testcase>
  </testsuite>
</testsuites>
XML
}

# Text made safe for XML: the five escapes, and no control character XML 1.0 cannot carry.
xml_text() {
  sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' | tr -d '\000-\010\013\014\016-\037'
}

if [ "$package" = "$here" ]; then
  check format scripts/format.sh --check
  check circleci-schema check-jsonschema --builtin-schema vendor.circle-ci .circleci/config.yml
  check format-selftest Tests/CI/format-selftest.sh
  check junit-selftest Tests/CI/junit-selftest.sh
  if [ -n "$junit" ]; then
    check deploy python3 -m pytest deploy/tests -q -p no:cacheprovider --junitxml "$junit/deploy.xml"
  else
    check deploy python3 -m pytest deploy/tests -q -p no:cacheprovider
  fi
fi

swift build --build-tests || exit 1

# Writes DIR/<target>.xml from what `swift test --xunit-output` left: Swift Testing writes <name>-swift-testing.xml
# with a suite called "TestResults"; the suite takes the target's name, the shape the scenario runner writes too.
# With no complete report (the process crashed mid-run), one <error> test case carries the end of the log.
write_junit() {
  local target=$1 log=$2 seconds=$3
  local out="$junit/$target.xml" swift_testing="$junit/$target-swift-testing.xml"
  if [ -s "$swift_testing" ] && grep -q '</testsuites>' "$swift_testing"; then
    sed "s/<testsuite name=\"TestResults\"/<testsuite name=\"$target\"/" "$swift_testing" > "$out"
    rm -f "$swift_testing"
  elif ! grep -qs '</testsuites>' "$out"; then
    rm -f "$swift_testing"
    junit_case "$out" "$target" "$target (the test process ended without a report)" "$seconds" error \
      TestProcessCrashed "the test process of $target ended without writing its report" "$(tail -n 40 "$log")"
  fi
}

for dir in Tests/*Tests; do
  [ -d "$dir" ] || continue
  target=$(basename "$dir")
  log=$(mktemp)
  echo "== $target"
  report=()
  if [ -n "$junit" ]; then
    rm -f "$junit/$target.xml" "$junit/$target-swift-testing.xml"
    report=(--xunit-output "$junit/$target.xml")
  fi
  started=$EPOCHREALTIME
  # The grep is grouped with its `|| true` so that PIPESTATUS still holds swift test's own status: written as
  # `a | b | grep … || true` under pipefail, a failed run made `true` the last command and read as a pass.
  swift test --skip-build --filter "^${target}\." "${report[@]}" 2>&1 | tee "$log" \
    | { grep -E '^(✘|✔ Test run)|^error:' || true; }
  status=${PIPESTATUS[0]}
  seconds=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
  [ -n "$junit" ] && write_junit "$target" "$log" "$seconds"
  count=$(grep -oE 'Test run with [0-9]+ tests?' "$log" | grep -oE '[0-9]+' | tail -1)
  count=${count:-0}
  if [ "$status" -eq 0 ]; then
    passed=$((passed + count))
  else
    broken=$(grep -E '^✘ Test .* failed after' "$log" | grep -vc '^✘ Test run with')
    failed=$((failed + (broken > 0 ? broken : 1)))
    passed=$((passed + (count > broken ? count - broken : 0)))
    failed_targets+=("$target")
    sed -n '1,400p' "$log" | grep -E '✘' | head -40
  fi
  rm -f "$log"
done

# The deployable artifact, run for real: the Lambda zips built, unzipped and run under the emulator (needs the
# debug devstack built above; the release build of the two bootstraps takes a few minutes the first time).
if [ "$package" = "$here" ]; then
  check lambda-package Tests/CI/lambda-package-test.sh
fi

# The Docker image and the compose stack on a real engine (scripts/docker-check.sh: its own dockerd, a base image
# from Debian's packages, our image from the release binaries, the compose stack driven from the host). dockerd
# needs root: CI runs as root; a developer who is not is told so and the check is skipped. DOCKER_CHECK=0 skips
# it where no engine can run (CircleCI's container jobs; its `docker` job runs it on a machine).
if [ "$package" = "$here" ]; then
  if [ "${DOCKER_CHECK:-1}" = 0 ]; then
    echo "== check: docker skipped (DOCKER_CHECK=0)"
  elif [ "$(id -u)" != 0 ]; then
    echo "== check: docker skipped: scripts/docker-check.sh starts dockerd, which needs root (run it as root)"
  else
    check docker scripts/docker-check.sh
  fi
fi

if [ ${#failed_targets[@]} -gt 0 ]; then
  echo "failing targets: ${failed_targets[*]}"
fi
[ -n "$junit" ] && echo "JUnit reports: $junit"
echo "tests: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
