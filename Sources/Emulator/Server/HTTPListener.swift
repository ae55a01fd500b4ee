import Hummingbird
import Logging
import NIOCore

/// Runs a Hummingbird responder on `host:port` (0: the kernel picks) until its task is cancelled, and reports
/// the bound port — the one way the emulator, each Runtime API instance and each Function URL start listening.
package enum HTTPListener {
    package struct Running: Sendable {
        package let task: Task<Void, any Error>
        package let port: Int
    }

    /// Starts serving; throws `error()` when nothing was bound (the port in use, say), after the task ended.
    package static func start<Responder: HTTPResponder>(
        _ responder: Responder,
        host: String,
        port: Int,
        logger: Logger,
        error: @Sendable () -> any Error
    ) async throws -> Running where Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger
        )
        let task = Task {
            defer { continuation.finish() }
            try await app.run()
        }
        var bound = 0
        for await value in ports {
            bound = value
            break
        }
        guard bound > 0 else {
            task.cancel()
            if case .failure(let failure) = await task.result { throw failure }
            throw error()
        }
        return Running(task: task, port: bound)
    }
}
