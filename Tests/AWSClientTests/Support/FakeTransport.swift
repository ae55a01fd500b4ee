import AWSClient
import Synchronization

/// A scripted `HTTPTransport`: each call records the request and its timeout, then answers with the next
/// scripted outcome (a response or a thrown error). Running out of script is a test failure, reported as an
/// error rather than a hang.
final class FakeTransport: HTTPTransport {
    enum Outcome: Sendable {
        case respond(AWSHTTPResponse)
        case fail(HTTPTransportError)
        /// Moves the fake clock forward (time spent on the wire), then answers.
        case slow(Duration, then: AWSHTTPResponse)
    }

    struct Call: Sendable {
        var request: AWSHTTPRequest
        var timeout: Duration
    }

    private let script: Mutex<[Outcome]>
    private let recorded = Mutex<[Call]>([])
    private let clock: FakeClock?

    init(_ outcomes: [Outcome], clock: FakeClock? = nil) {
        script = Mutex(outcomes)
        self.clock = clock
    }

    var calls: [Call] { recorded.withLock { $0 } }

    func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        recorded.withLock { $0.append(Call(request: request, timeout: timeout)) }
        let next: Outcome? = script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        switch next {
        case .respond(let response): return response
        case .fail(let error): throw error
        case .slow(let duration, let response):
            clock?.advance(by: duration)
            return response
        case nil: throw HTTPTransportError(.invalidRequest, "FakeTransport: no scripted answer left")
        }
    }
}

extension AWSHTTPResponse {
    /// A JSON response as SQS or Secrets Manager sends it.
    static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> AWSHTTPResponse {
        var all = ["Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "req-\(status)"]
        all.merge(headers) { _, new in new }
        return AWSHTTPResponse(status: status, headers: all, body: Array(body.utf8))
    }
}
