import Foundation
import Hashing
import Synchronization
import TestSupport
import Testing

@testable import Stubs

/// The producer's Function URL, faked: records what arrives and answers the next status.
struct FakeProducer: StubService {
    let name = "producer"
    let received: Received
    let statuses: [Int]
    let delay: Duration

    func handle(_ request: StubRequest) async -> StubResponse {
        var headers: [String: String] = [:]
        for header in request.headers { headers[header.name.lowercased()] = header.value }
        let index = received.requests.withLock {
            $0.append((headers, request.body))
            return $0.count - 1
        }
        if delay > .zero { try? await Task.sleep(for: delay) }
        let status = statuses[min(index, statuses.count - 1)]
        return .json(status, ["ok": .bool(status < 300)])
    }

    func errorResponse(status: Int, message: String) -> StubResponse { .json(status, ["message": .string(message)]) }
    func seed(_ document: JSON) throws(SeedError) -> JSON { [:] }
    func reset() {}
}
