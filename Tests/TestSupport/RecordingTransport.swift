import ServiceSupport
import Synchronization

/// An `APITransport` that answers every request with `respond` and keeps what was sent, in order, for the test
/// to read back. The one fake transport of the services' clients' tests; `respond` may throw to stand for a
/// transport failure.
public final class RecordingTransport: APITransport {
    private let requests = Mutex<[APIRequest]>([])
    private let respond: @Sendable (APIRequest) throws -> APIResponse

    public init(_ respond: @escaping @Sendable (APIRequest) throws -> APIResponse) { self.respond = respond }

    public func send(_ request: APIRequest) async throws -> APIResponse {
        requests.withLock { $0.append(request) }
        return try respond(request)
    }

    /// Every request sent so far, first first.
    public var sent: [APIRequest] { requests.withLock { $0 } }
}
