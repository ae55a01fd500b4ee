import Foundation
import ServiceSupport
import Synchronization

/// Answers every request with `respond` and records what was sent.
final class RecordingTransport: APITransport {
    let requests = Mutex<[APIRequest]>([])
    let respond: @Sendable (APIRequest) throws -> APIResponse

    init(_ respond: @escaping @Sendable (APIRequest) throws -> APIResponse) { self.respond = respond }

    func send(_ request: APIRequest) async throws -> APIResponse {
        requests.withLock { $0.append(request) }
        return try respond(request)
    }

    var sent: [APIRequest] { requests.withLock { $0 } }
}

extension APIRequest {
    func query(_ name: String) -> String? {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value
    }
}
