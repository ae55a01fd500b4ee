import Foundation
import Hummingbird
import Logging
import NIOCore

/// One instance's Runtime API listener on 127.0.0.1 at a port the kernel picks: what the bootstrap gets as
/// `AWS_LAMBDA_RUNTIME_API=127.0.0.1:PORT`, as on Lambda where every execution environment has its own endpoint.
package final class RuntimeAPIServer: Sendable {
    package let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// `host:port` for `AWS_LAMBDA_RUNTIME_API`.
    package var address: String { "127.0.0.1:\(port)" }

    package static func start(router: Router<BasicRequestContext>, logger: Logger) async throws -> RuntimeAPIServer {
        // The listener's own start/stop chatter (one per instance) stays out of the emulator's log.
        var listenerLogger = logger
        listenerLogger.logLevel = .critical
        let running = try await HTTPListener.start(
            router.buildResponder(),
            host: "127.0.0.1",
            port: 0,
            logger: listenerLogger,
            error: { LambdaHostError(.runtimeAPIUnavailable, detail: "the Runtime API listener did not start") }
        )
        return RuntimeAPIServer(port: running.port, task: running.task)
    }

    /// Closes the listener and waits until it is closed.
    package func stop() async {
        task.cancel()
        _ = await task.result
    }
}
