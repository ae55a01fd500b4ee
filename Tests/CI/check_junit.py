"""Reads JUnit reports with junitparser (a JUnit reader nobody here wrote) and checks what CI relies on.

    python3 Tests/CI/check_junit.py DIR [--expect-failure NAME:MESSAGE]

Every *.xml in DIR must parse, hold at least one test case, and give each case a name, a class name and (unless
skipped) a time.
Prints the totals. With --expect-failure, a case whose name contains NAME must have failed with a message that
contains MESSAGE (the self-test uses it to prove a failing test shows up by name, not only in the log).
"""

import argparse
import pathlib
import sys

from junitparser import Error, Failure, JUnitXml, Skipped


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--expect-failure", action="append", default=[])
    args = parser.parse_args()

    files = sorted(pathlib.Path(args.folder).glob("*.xml"))
    if not files:
        print(f"check_junit: no JUnit file in {args.folder}", file=sys.stderr)
        return 1
    total = failed = 0
    problems = []
    failures = []  # (case name, message)
    for path in files:
        try:
            xml = JUnitXml.fromfile(str(path))
        except Exception as error:  # a report a JUnit reader cannot read is the failure we look for
            problems.append(f"{path.name}: not JUnit: {error}")
            continue
        cases = [case for suite in xml for case in suite]
        if not cases:
            problems.append(f"{path.name}: no test case")
        for case in cases:
            total += 1
            skipped = any(isinstance(result, Skipped) for result in case.result)
            if not case.name or not case.classname or (case.time is None and not skipped):
                problems.append(f"{path.name}: a test case without name, class name or time: {case.name}")
            for result in case.result:
                if isinstance(result, (Failure, Error)):
                    failed += 1
                    failures.append((case.name, result.message or ""))
    for expected in args.expect_failure:
        name, _, message = expected.partition(":")
        if not any(name in case and message in text for case, text in failures):
            problems.append(f"no failed test case named like '{name}' with message '{message}'; got {failures}")
    for problem in problems:
        print(f"check_junit: {problem}", file=sys.stderr)
    print(f"check_junit: {len(files)} files, {total} test cases, {failed} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
