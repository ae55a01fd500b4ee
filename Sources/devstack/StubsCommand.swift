import ArgumentParser
import Foundation
import Logging
import Stubs

struct StubsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stubs",
        abstract: "Run the stub Asana (/api/1.0) and Sentry (/api/0) servers with their journal, faults and admin API."
    )

    @Option(help: "Address to listen on.") var host = StubDefaults.host
    @Option(help: "Port of the Asana stub (0: any free port).") var asanaPort = StubDefaults.asanaPort
    @Option(help: "Port of the Sentry stub (0: any free port).") var sentryPort = StubDefaults.sentryPort
    @Option(help: "Fixtures folder holding asana/ and sentry/ seed files.") var seed = "fixtures"
    @Option(help: "The only Bearer token the Asana stub accepts.") var asanaToken = StubDefaults.asanaToken
    @Option(help: "The only Bearer token the Sentry stub accepts.") var sentryToken = StubDefaults.sentryToken
    @Option(help: "Requests per second the Sentry stub allows before 429.") var sentryRateLimit = 40
    @Flag(help: "Answer the legacy GET /api/0/issues/{id}/ with 410, like a Sentry brownout.")
    var sentryLegacyBrownout = false
    @Option(
        help: ArgumentHelp(
            "Scenario file (YAML/JSON) with fault rules applied at start.",
            discussion: """
                asana:
                  - {method: POST, path: /api/1.0/tasks, kind: status, status: 503, times: 2}
                sentry:
                  - {path: /api/0/organizations/*/issues/**, kind: rate_limit, retry_after: 2, times: 1}
                Kinds: status, rate_limit, latency (latency_ms), reset, truncate (truncate_to); \
                after: N lets N requests through first. Change them at run time through /__admin/faults.
                """
        )
    ) var faults: String?

    func run() async throws {
        let scenario = try faults.map { path throws(SeedError) in try StubScenario.load(path: path) } ?? StubScenario()
        let stack = try StubStack(
            seed: URL(fileURLWithPath: seed),
            asanaToken: asanaToken,
            sentryToken: sentryToken,
            sentryRateLimit: sentryRateLimit,
            scenario: scenario
        )
        if sentryLegacyBrownout { _ = try stack.sentry.seed(["settings": ["legacy_brownout": true]]) }
        try await stack.run(host: host, asanaPort: asanaPort, sentryPort: sentryPort) { asana, sentry in
            StubsCommand.say("asana stub:  \(asana.absoluteString)/api/1.0  (admin: \(asana.absoluteString)/__admin)")
            StubsCommand.say("sentry stub: \(sentry.absoluteString)/api/0  (admin: \(sentry.absoluteString)/__admin)")
        }
    }

    /// Writes a line to stdout at once (stdout is block-buffered when it is a file or a pipe).
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
