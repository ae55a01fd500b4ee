import AWSClient
import Foundation
import Hummingbird
import TestSupport
import Testing

/// Answers every request with the same response and counts them.
final class ConstantTransport: HTTPTransport {
    let answer: AWSHTTPResponse
    private let calls = RequestCounter()

    init(answer: AWSHTTPResponse) {
        self.answer = answer
    }

    var count: Int { calls.value }

    func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        calls.increment()
        return answer
    }
}
