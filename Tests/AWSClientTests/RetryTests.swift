import AWSClient
import Foundation
import Testing

@Suite("Standard retry mode and deadlines")
struct RetryTests {
    static let emptyOK = AWSHTTPResponse.json(200, "{}")
    static let throttled = AWSHTTPResponse.json(
        400,
        #"{"__type":"com.amazonaws.sqs#ThrottlingException","message":"Rate exceeded"}"#
    )
    static let internalError = AWSHTTPResponse.json(500, #"{"__type":"InternalFailure","message":"oops"}"#)

    @Test("a 500 then a success: two attempts, one full-jitter backoff of base 100 ms")
    func retriesTransientStatus() async throws {
        let clock = FakeClock()
        let transport = FakeTransport([.respond(Self.internalError), .respond(Self.emptyOK)])
        let sqs = try Fixtures.sqs(transport, clock: clock, jitter: 0.5)
        try await sqs.deleteMessage(queueURL: "q", receiptHandle: "r", deadline: clock.now.advanced(by: .seconds(30)))
        #expect(transport.calls.count == 2)
        #expect(clock.sleeps == [.milliseconds(50)])
        #expect(
            transport.calls.map { $0.request.header("amz-sdk-request") } == ["attempt=1; max=3", "attempt=2; max=3"]
        )
    }

    @Test("throttling three times: three attempts, backoffs of 100 ms then 200 ms, and the last error is thrown")
    func givesUpAfterThreeAttempts() async throws {
        let clock = FakeClock()
        let transport = FakeTransport([.respond(Self.throttled), .respond(Self.throttled), .respond(Self.throttled)])
        let sqs = try Fixtures.sqs(transport, clock: clock)
        let error = await #expect(throws: AWSServiceError.self) {
            try await sqs.deleteMessage(
                queueURL: "q",
                receiptHandle: "r",
                deadline: clock.now.advanced(by: .seconds(30))
            )
        }
        #expect(error?.code == "ThrottlingException")
        #expect(transport.calls.count == 3)
        #expect(clock.sleeps == [.milliseconds(100), .milliseconds(200)])
    }

    @Test("connection failures and timeouts are retried; a client error (400) is not")
    func retryableKinds() async throws {
        let clock = FakeClock()
        let transport = FakeTransport([
            .fail(HTTPTransportError(.connectionFailed, "refused")), .fail(HTTPTransportError(.timeout, "slow")),
            .respond(Self.emptyOK),
        ])
        let sqs = try Fixtures.sqs(transport, clock: clock)
        try await sqs.deleteMessage(queueURL: "q", receiptHandle: "r", deadline: clock.now.advanced(by: .seconds(30)))
        #expect(transport.calls.count == 3)

        let rejecting = FakeTransport([
            .respond(.json(400, #"{"__type":"com.amazonaws.sqs#InvalidAddress","message":"bad"}"#)),
            .respond(Self.emptyOK),
        ])
        let strict = try Fixtures.sqs(rejecting, clock: clock)
        await #expect(throws: AWSServiceError.self) {
            try await strict.deleteMessage(
                queueURL: "q",
                receiptHandle: "r",
                deadline: clock.now.advanced(by: .seconds(30))
            )
        }
        #expect(rejecting.calls.count == 1)
    }

    @Test("backoff is capped at 20 s and never sleeps past the deadline")
    func backoffCapAndDeadline() async throws {
        let strategy = AWSRetryStrategy(maxAttempts: 10, jitter: { 1 })
        #expect(strategy.backoff(afterAttempt: 1) == .milliseconds(100))
        #expect(strategy.backoff(afterAttempt: 3) == .milliseconds(400))
        #expect(strategy.backoff(afterAttempt: 9) == .seconds(20))
        #expect(strategy.backoff(afterAttempt: 40) == .seconds(20))
        #expect(AWSRetryStrategy(jitter: { 0 }).backoff(afterAttempt: 2) == .zero)

        // The first attempt fails after 90 ms of a 150 ms budget; the 100 ms backoff would end past the deadline.
        let clock = FakeClock()
        let transport = FakeTransport(
            [.slow(.milliseconds(90), then: Self.internalError), .respond(Self.emptyOK)],
            clock: clock
        )
        let sqs = try Fixtures.sqs(transport, clock: clock)
        let error = await #expect(throws: AWSClientError.self) {
            try await sqs.deleteMessage(
                queueURL: "q",
                receiptHandle: "r",
                deadline: clock.now.advanced(by: .milliseconds(150))
            )
        }
        #expect(error?.code == .deadlineExceeded)
        #expect((error?.underlying as? AWSServiceError)?.statusCode == 500, "the last failure is kept as the cause")
        #expect(transport.calls.count == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test("each attempt's timeout is what is left of the deadline when that is shorter; a past deadline sends nothing")
    func attemptTimeoutBoundedByDeadline() async throws {
        let clock = FakeClock()
        let transport = FakeTransport([.respond(Self.emptyOK)])
        let sqs = try Fixtures.sqs(transport, clock: clock, attemptTimeout: .seconds(10))
        try await sqs.deleteMessage(queueURL: "q", receiptHandle: "r", deadline: clock.now.advanced(by: .seconds(2)))
        #expect(transport.calls.first?.timeout == .seconds(2))

        let idle = FakeTransport([])
        let late = try Fixtures.sqs(idle, clock: clock)
        let error = await #expect(throws: AWSClientError.self) {
            try await late.deleteMessage(
                queueURL: "q",
                receiptHandle: "r",
                deadline: clock.now.advanced(by: .seconds(-1))
            )
        }
        #expect(error?.code == .deadlineExceeded)
        #expect(idle.calls.isEmpty)
    }

    @Test(
        "deadlines: 'after' counts from the clock's now; 'at' turns a wall-clock instant (a Lambda deadline) into one"
    )
    func deadlines() {
        let clock = FakeClock()
        #expect(AWSDeadline.after(.seconds(3), clock: clock) == clock.now.advanced(by: .seconds(3)))
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let lambdaDeadline = Date(timeIntervalSince1970: 1_700_000_004.5)
        #expect(AWSDeadline.at(lambdaDeadline, now: now, clock: clock) == clock.now.advanced(by: .milliseconds(4_500)))
        #expect(
            AWSDeadline.at(now.addingTimeInterval(-1), now: now, clock: clock) < clock.now,
            "a past deadline stays past"
        )
    }

    @Test("the retry quota pays 5 tokens a retry (10 after a timeout), refunds on success and stops retries when empty")
    func retryQuota() async throws {
        var quota = AWSRetryQuota(capacity: 12)
        #expect(quota.acquireRetry(afterTimeout: true) == 10)
        #expect(quota.acquireRetry(afterTimeout: false) == nil, "2 tokens left cannot pay a retry")
        quota.recordSuccess(spent: 10)
        #expect(quota.available == 12)
        quota.recordSuccess(spent: 0)
        #expect(quota.available == 12, "never above capacity")

        let clock = FakeClock()
        let transport = FakeTransport(Array(repeating: .respond(Self.internalError), count: 400))
        let sqs = try Fixtures.sqs(transport, clock: clock, jitter: 0)
        var attempts: [Int] = []
        for _ in 0..<60 {
            let before = transport.calls.count
            _ = try? await sqs.deleteMessage(
                queueURL: "q",
                receiptHandle: "r",
                deadline: clock.now.advanced(by: .seconds(30))
            )
            attempts.append(transport.calls.count - before)
        }
        #expect(attempts.prefix(50).allSatisfy { $0 == 3 }, "500 tokens pay two retries for each of 50 calls")
        #expect(attempts.suffix(10).allSatisfy { $0 == 1 }, "then the bucket is empty and calls are not retried")
        #expect(sqs.client.retryQuotaAvailable == 0)
    }
}
