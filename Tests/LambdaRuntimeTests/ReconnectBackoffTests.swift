import LambdaRuntime
import Testing

@Suite("ReconnectBackoff")
struct ReconnectBackoffTests {
    @Test("delays double from the initial delay up to the cap and never reach zero")
    func doublesAndCaps() {
        var backoff = ReconnectBackoff(initialDelay: .milliseconds(50), maxDelay: .milliseconds(400))
        let delays = (0..<7).map { _ in backoff.recordFailure() }
        #expect(
            delays == [
                .milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(400),
                .milliseconds(400), .milliseconds(400),
            ]
        )
        #expect(backoff.consecutiveFailures == 7)
    }

    @Test("a success starts the sequence again")
    func resets() {
        var backoff = ReconnectBackoff(initialDelay: .milliseconds(10), maxDelay: .seconds(1))
        _ = backoff.recordFailure()
        _ = backoff.recordFailure()
        backoff.recordSuccess()
        #expect(backoff.consecutiveFailures == 0)
        #expect(backoff.recordFailure() == .milliseconds(10))
    }

    @Test("a very long outage stays at the cap without overflowing")
    func longOutage() {
        var backoff = ReconnectBackoff()
        var last = Duration.zero
        for _ in 0..<10_000 { last = backoff.recordFailure() }
        #expect(last == .seconds(2))
    }
}
