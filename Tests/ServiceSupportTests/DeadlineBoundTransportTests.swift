import Foundation
import ServiceSupport
import TestSupport
import Testing

/// A request never outlives its invocation: its timeout is cut to the time left less the margin.
@Suite struct DeadlineBoundTransportTests {
    struct FixedClock: ServiceClock {
        var date: Date
        func now() -> Date { date }
        func sleep(for duration: Duration) async throws {}
    }

    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let request = APIRequest(method: "GET", url: URL(string: "http://127.0.0.1:1/x")!, timeout: .seconds(8))

    @Test func theTimeoutIsTheTimeLeftLessTheMarginWhenThatIsShorter() async throws {
        let inner = RecordingTransport { _ in APIResponse(status: 200) }
        let transport = DeadlineBoundTransport(inner: inner, clock: FixedClock(date: now), margin: .seconds(3))
        // 5 s left, 3 s margin: 2 s instead of the request's own 8 s.
        _ = try await DeadlineBoundTransport.$deadline.withValue(Deadline(now.addingTimeInterval(5))) {
            try await transport.send(request)
        }
        // 60 s left: the request's own 8 s stands.
        _ = try await DeadlineBoundTransport.$deadline.withValue(Deadline(now.addingTimeInterval(60))) {
            try await transport.send(request)
        }
        // No invocation deadline: untouched.
        _ = try await transport.send(request)
        #expect(inner.sent.map(\.timeout) == [.seconds(2), .seconds(8), .seconds(8)])
    }

    @Test func withNoTimeLeftNothingIsSent() async throws {
        let inner = RecordingTransport { _ in APIResponse(status: 200) }
        let transport = DeadlineBoundTransport(inner: inner, clock: FixedClock(date: now), margin: .seconds(3))
        await #expect(throws: DeadlineBoundTransport.DeadlineExceeded.self) {
            try await DeadlineBoundTransport.$deadline.withValue(Deadline(now.addingTimeInterval(2))) {
                try await transport.send(request)
            }
        }
        #expect(inner.sent.map(\.timeout).isEmpty)
    }
}
