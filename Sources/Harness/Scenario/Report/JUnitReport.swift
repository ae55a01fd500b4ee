import Emulator
import Foundation

/// JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test reporters): one `testsuite` of the run, one
/// `testcase` per scenario with its wall time, a `failure` carrying the first failed expectation as its
/// `message` (all of them in the text), an `error` when the scenario could not run, and the progress lines as
/// `system-out`.
package enum JUnitReport {
    package static func xml(_ suite: ScenarioSuiteResult, suiteName: String = "devstack scenarios") -> String {
        let failures = suite.failedCount
        let errors = suite.errorCount
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out +=
            #"<testsuites name="\#(escape(suiteName))" tests="\#(suite.results.count)" failures="\#(failures)" errors="\#(errors)" time="\#(seconds(suite.seconds))">"#
            + "\n"
        let timestamp = ISO8601DateFormatter().string(from: suite.startedAt)
        out +=
            #"  <testsuite name="\#(escape(suiteName))" tests="\#(suite.results.count)" failures="\#(failures)" errors="\#(errors)" skipped="0" time="\#(seconds(suite.seconds))" timestamp="\#(timestamp)">"#
            + "\n"
        for result in suite.results {
            out +=
                #"    <testcase name="\#(escape(result.name))" classname="\#(escape(className(result.file)))" file="\#(escape(result.file))" time="\#(seconds(result.seconds))">"#
            out += "\n"
            if let error = result.error {
                out +=
                    #"      <error message="\#(escape(error))" type="ScenarioError">\#(escape(error))</error>"# + "\n"
            } else if let first = result.failures.first {
                out +=
                    #"      <failure message="\#(escape(first))" type="ExpectationFailed">\#(escape(result.failures.joined(separator: "\n")))</failure>"#
                out += "\n"
            }
            if !result.log.isEmpty {
                out += "      <system-out>\(escape(result.log.joined(separator: "\n")))</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// `fixtures/scenarios/burst.yaml` → `scenarios.burst`: CI tools group test cases by class name.
    static func className(_ file: String) -> String {
        let url = URL(fileURLWithPath: file)
        return "scenarios.\(url.deletingPathExtension().lastPathComponent)"
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    static func escape(_ text: String) -> String { XMLWriter.escape(text) }
}
