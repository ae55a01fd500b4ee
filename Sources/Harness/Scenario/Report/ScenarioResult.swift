import Foundation

/// How one scenario ended.
package struct ScenarioResult: Sendable {
    package var name: String
    package var file: String
    package var description: String
    /// Expectations that did not hold, or a step that could not be carried out, each with its field.
    package var failures: [String]
    /// Set when the scenario could not run at all (bad file, stack did not start): JUnit's `<error>`.
    package var error: String?
    package var seconds: Double
    /// Every progress line printed for it (JUnit's `system-out`).
    package var log: [String]

    package var passed: Bool { failures.isEmpty && error == nil }

    package init(
        name: String,
        file: String,
        description: String = "",
        failures: [String] = [],
        error: String? = nil,
        seconds: Double = 0,
        log: [String] = []
    ) {
        self.name = name
        self.file = file
        self.description = description
        self.failures = failures
        self.error = error
        self.seconds = seconds
        self.log = log
    }
}

/// A run of several scenarios.
package struct ScenarioSuiteResult: Sendable {
    package var results: [ScenarioResult]
    package var seconds: Double
    package var startedAt: Date

    package var passed: Bool { results.allSatisfy(\.passed) }
    package var failedCount: Int { results.filter { !$0.passed && $0.error == nil }.count }
    package var errorCount: Int { results.filter { $0.error != nil }.count }

    package init(results: [ScenarioResult], seconds: Double, startedAt: Date) {
        self.results = results
        self.seconds = seconds
        self.startedAt = startedAt
    }

    /// The `--json` form: one object for the suite.
    package var json: [String: Any] {
        [
            "passed": passed, "seconds": seconds, "scenarios": results.count,
            "failed": results.filter { !$0.passed }.count,
            "results": results.map { result -> [String: Any] in
                var item: [String: Any] = [
                    "name": result.name, "file": result.file, "passed": result.passed, "seconds": result.seconds,
                    "failures": result.failures,
                ]
                if let error = result.error { item["error"] = error }
                return item
            },
        ]
    }
}
