import ServiceSupport
import Synchronization

/// An `HTTPTransport` that answers every request with `respond` and keeps what was sent, in order, for the test
/// to read back. The one fake transport of the services' clients' tests; `respond` may throw to stand for a
/// transport failure.
public final class RecordingTransport: HTTPTransport {
    private let requests = Mutex<[HTTPRequest]>([])
    private let respond: @Sendable (HTTPRequest) throws -> HTTPResponse

    public init(_ respond: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) { self.respond = respond }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        requests.withLock { $0.append(request) }
        return try respond(request)
    }

    /// Every request sent so far, first first.
    public var sent: [HTTPRequest] { requests.withLock { $0 } }
}
