import Foundation

/// Both stubs as `devstack stubs` and `devstack up` run them: seeded from one fixtures folder (`asana/`,
/// `sentry/`), optional scenario faults, each on its own port.
///
/// ```swift
/// let stack = try StubStack(seed: URL(fileURLWithPath: "fixtures"))
/// try await stack.run(asanaPort: 0, sentryPort: 0) { asanaURL, sentryURL in … }
/// ```
package struct StubStack: Sendable {
    package let asana: AsanaStub
    package let sentry: SentryStub
    package let asanaServer: StubServer
    package let sentryServer: StubServer

    package init(
        seed: URL,
        asanaToken: String = StubDefaults.asanaToken,
        sentryToken: String = StubDefaults.sentryToken,
        sentryRateLimit: Int = 40,
        scenario: StubScenario = StubScenario()
    ) throws(SeedError) {
        asana = AsanaStub(
            state: try AsanaState.load(directory: seed.appendingPathComponent("asana")),
            token: asanaToken
        )
        sentry = SentryStub(
            state: try SentryState.load(directory: seed.appendingPathComponent("sentry")),
            token: sentryToken,
            rateLimitPerSecond: sentryRateLimit
        )
        asanaServer = StubServer(service: asana)
        sentryServer = StubServer(service: sentry)
        for spec in scenario.asana { asanaServer.faults.add(spec) }
        for spec in scenario.sentry { sentryServer.faults.add(spec) }
    }

    /// Serves both until cancelled (or one fails). `onReady` gets the two base URLs once both listen:
    /// `http://HOST:PORT` (the APIs are under `/api/1.0` and `/api/0`, the admin APIs under `/__admin`).
    package func run(
        host: String = StubDefaults.host,
        asanaPort: Int = StubDefaults.asanaPort,
        sentryPort: Int = StubDefaults.sentryPort,
        onReady: @escaping @Sendable (_ asana: URL, _ sentry: URL) async -> Void = { _, _ in }
    ) async throws {
        let (ports, continuation) = AsyncStream<(String, Int)>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await asanaServer.run(host: host, port: asanaPort) { continuation.yield(("asana", $0)) }
            }
            group.addTask {
                try await sentryServer.run(host: host, port: sentryPort) { continuation.yield(("sentry", $0)) }
            }
            group.addTask {
                var bound: [String: Int] = [:]
                for await (name, port) in ports {
                    bound[name] = port
                    if let asana = bound["asana"], let sentry = bound["sentry"] {
                        let shown = host == "0.0.0.0" ? "127.0.0.1" : host
                        await onReady(
                            URL(string: "http://\(shown):\(asana)")!,
                            URL(string: "http://\(shown):\(sentry)")!
                        )
                        break
                    }
                }
            }
            defer { continuation.finish() }
            while let _ = try await group.next() {
                if group.isEmpty { break }
            }
        }
    }
}
