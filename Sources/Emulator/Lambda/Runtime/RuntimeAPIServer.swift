import Foundation
import Hummingbird
import Logging
import NIOCore

/// One instance's Runtime API listener on 127.0.0.1 at a port the kernel picks: what the bootstrap gets as
/// `AWS_LAMBDA_RUNTIME_API=127.0.0.1:PORT`, as on Lambda where every execution environment has its own endpoint.
package final class RuntimeAPIServer: Sendable {
    package let port: Int
    private let task: Task<Void, Never>

    private init(port: Int, task: Task<Void, Never>) {
        self.port = port
        self.task = task
    }

    /// `host:port` for `AWS_LAMBDA_RUNTIME_API`.
    package var address: String { "127.0.0.1:\(port)" }

    package static func start(router: Router<BasicRequestContext>, logger: Logger) async throws -> RuntimeAPIServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        // The listener's own start/stop chatter (one per instance) stays out of the emulator's log.
        var listenerLogger = logger
        listenerLogger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: listenerLogger
        )
        let task = Task {
            do { try await app.run() } catch { logger.debug("runtime API listener ended", metadata: ["error": "\(error)"]) }
            continuation.finish()
        }
        var port = 0
        for await value in ports {
            port = value
            break
        }
        guard port > 0 else {
            task.cancel()
            throw LambdaHostError(.runtimeAPIUnavailable, detail: "the Runtime API listener did not start")
        }
        return RuntimeAPIServer(port: port, task: task)
    }

    /// Closes the listener and waits until it is closed.
    package func stop() async {
        task.cancel()
        await task.value
    }
}
