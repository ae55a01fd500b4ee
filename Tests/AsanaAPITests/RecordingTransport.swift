import Foundation
import ServiceSupport
import Synchronization

/// Answers every request with `respond` and records what was sent.
final class RecordingTransport: HTTPTransport {
    let requests = Mutex<[HTTPRequest]>([])
    let respond: @Sendable (HTTPRequest) throws -> HTTPResponse

    init(_ respond: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) { self.respond = respond }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        requests.withLock { $0.append(request) }
        return try respond(request)
    }

    var sent: [HTTPRequest] { requests.withLock { $0 } }
}

extension HTTPRequest {
    func query(_ name: String) -> String? {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value
    }
}
