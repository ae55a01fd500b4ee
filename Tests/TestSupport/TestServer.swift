import Foundation
import Hummingbird
import Logging
import NIOCore

/// Runs `router` on 127.0.0.1 at a port the kernel picks, hands the base URL (`http://127.0.0.1:PORT`) to
/// `body`, and always shuts the server down afterwards — the scoped-helper pattern of Hummingbird's own tests,
/// without HummingbirdTesting (which drags in AsyncHTTPClient).
public func withTestServer<Builder: HTTPResponderBuilder, Result: Sendable>(
    _ router: Builder,
    _ body: @Sendable (URL) async throws -> Result
) async throws -> Result
where Builder.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
    let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
    var logger = Logger(label: "test-server")
    logger.logLevel = .critical
    // A Hummingbird `Router` is not Sendable; the responder it builds is.
    let app = Application(
        responder: router.buildResponder(),
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        },
        logger: logger
    )
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.run() }
        var port = 0
        for await value in portStream {
            port = value
            break
        }
        defer { group.cancelAll() }
        guard port > 0 else { throw TestServerError(message: "the test server did not report a port") }
        return try await body(URL(string: "http://127.0.0.1:\(port)")!)
    }
}

public struct TestServerError: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
