#!/usr/bin/env bash
# Proves that scripts/test.sh reports a failing test by name in its JUnit: it runs the script on a throwaway
# package with one passing and one failing test and a target whose process crashes, expects the script to fail, and reads the reports with
# junitparser. Everything lives in a temporary folder that is removed at the end.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/pkg/Sources/Sample" "$work/pkg/Tests/SampleTests" "$work/pkg/Tests/CrashTests"
cat > "$work/pkg/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "junit-selftest",
    targets: [
        .target(name: "Sample"),
        .testTarget(name: "SampleTests", dependencies: ["Sample"]),
        .testTarget(name: "CrashTests", dependencies: ["Sample"]),
    ]
)
SWIFT
echo 'public func answer() -> Int { 42 }' > "$work/pkg/Sources/Sample/Sample.swift"
cat > "$work/pkg/Tests/SampleTests/SampleTests.swift" <<'SWIFT'
import Sample
import Testing

@Test func answerIsFortyTwo() { #expect(answer() == 42) }
@Test func deliberatelyFails() { #expect(answer() == 41, "the self-test's deliberate failure") }
SWIFT
cat > "$work/pkg/Tests/CrashTests/CrashTests.swift" <<'SWIFT'
import Sample
import Testing

@Test func crashesTheProcess() { if answer() == 42 { fatalError("the self-test's deliberate crash") } }
SWIFT

if "$here/scripts/test.sh" --package-path "$work/pkg" --junit "$work/junit" > "$work/log" 2>&1; then
  cat "$work/log"
  echo "junit-selftest: scripts/test.sh passed a package with a failing test" >&2
  exit 1
fi
grep -q 'tests: 1 passed, 2 failed' "$work/log" || { cat "$work/log"; echo "junit-selftest: wrong totals" >&2; exit 1; }
python3 "$here/Tests/CI/check_junit.py" "$work/junit" \
  --expect-failure "deliberatelyFails:the self-test's deliberate failure" \
  --expect-failure "CrashTests (the test process ended without a report):CrashTests ended without"
echo "junit-selftest: a failing test shows up by name in the JUnit"
