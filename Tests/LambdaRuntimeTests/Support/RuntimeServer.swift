import Foundation
import Hummingbird
import Logging
import NIOCore

/// Runs `router` on 127.0.0.1 at `port` (0: the kernel picks) and hands the port to `body`, shutting the server
/// down afterwards. Unlike `withTestServer` it can bind a given port again, to bring a server "back".
func withRuntimeServer<Result: Sendable>(
    _ router: Router<BasicRequestContext>,
    port: Int = 0,
    _ body: @Sendable (Int) async throws -> Result
) async throws -> Result {
    let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
    var logger = Logger(label: "fake-runtime-api")
    logger.logLevel = .critical
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: port)),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        },
        logger: logger
    )
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.run() }
        var boundPort = 0
        for await value in portStream {
            boundPort = value
            break
        }
        defer { group.cancelAll() }
        guard boundPort > 0 else { throw RuntimeTestError("the fake Runtime API did not report a port") }
        return try await body(boundPort)
    }
}

struct RuntimeTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` every 5 ms until it holds or `limit` passes; false on time-out.
func eventually(limit: Duration = .seconds(10), _ condition: @Sendable () async -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let end = clock.now.advanced(by: limit)
    while clock.now < end {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return await condition()
}

/// Runs `operation`, cancelling it and throwing when it takes longer than `limit` (so that a broken loop fails
/// the test instead of hanging it).
func withTimeLimit<T: Sendable>(
    _ limit: Duration = .seconds(30),
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw RuntimeTestError("the operation did not finish within \(limit)")
        }
        return value
    }
}
