import Foundation
import ProducerService
import ServiceSupport
import Testing

/// Issue 12 §4: the enqueue budget bounds retries, never the first attempt; the secret is fetched at start.
extension WebhookHandlerTests {
    /// Three seconds from now: the invocation's own deadline in these tests.
    var invocationDeadline: Deadline { Deadline(clock.now().addingTimeInterval(3)) }

    @Test func aSlowFirstAttemptThatSucceedsAfterTheBudgetIs200() async {
        let queue = FakeQueue(latency: .milliseconds(1_500), clock: clock)
        let start = clock.now()
        let response = await handler(queue: queue).handle(
            request(),
            invocationDeadline: invocationDeadline,
            logger: LogCapture().logger
        )
        #expect(response.statusCode == 200, "a late 200 beats a lost alert")
        #expect(queue.sent.count == 1)
        #expect(clock.now().timeIntervalSince(start) >= 1.5, "the attempt ran past the 800 ms budget")
    }

    @Test func theFirstAttemptRunsUntilShortlyBeforeTheInvocationsDeadline() async throws {
        let queue = FakeQueue(clock: clock)
        let deadline = invocationDeadline
        _ = await handler(queue: queue).handle(request(), invocationDeadline: deadline, logger: LogCapture().logger)
        let given = try #require(queue.deadlines.first)
        #expect(given.date == deadline.date.addingTimeInterval(-0.2), "the deadline minus a 200 ms margin")
    }

    @Test func aFirstAttemptThatFailsPastTheBudgetIsNotRetriedAnd503() async {
        let queue = FakeQueue(failures: 100, latency: .milliseconds(900), clock: clock)
        let logs = LogCapture()
        let response = await handler(queue: queue).handle(
            request(),
            invocationDeadline: invocationDeadline,
            logger: logs.logger
        )
        #expect(response.statusCode == 503)
        #expect(queue.calls == 1, "no retry once the budget is spent")
        #expect(logs.objects.filter { $0["step"] as? String == "replay" }.count == 1)
    }

    @Test func aFirstAttemptStillRunningAtTheInvocationsDeadlineIs503WithAReplayLine() async {
        let queue = FakeQueue(latency: .seconds(10), clock: clock)
        let logs = LogCapture()
        let start = clock.now()
        let response = await handler(queue: queue).handle(
            request(),
            invocationDeadline: invocationDeadline,
            logger: logs.logger
        )
        #expect(response.statusCode == 503)
        #expect(queue.calls == 1)
        #expect(clock.now().timeIntervalSince(start) < 3, "answered before Lambda ends the invocation")
        #expect(logs.objects.filter { $0["step"] as? String == "replay" }.count == 1)
    }

    @Test func theSecretIsFetchedOnceAtStartAndNotAgainByTheFirstRequest() async {
        let fetches = FetchCounter()
        let secrets = SecretsCache(clock: clock) {
            fetches.increment()
            return ServiceSecrets(sentryClientSecret: Self.secret)
        }
        let webhook = WebhookHandler(
            configuration: ProducerConfiguration(queueURL: "http://127.0.0.1:1/000000000000/q"),
            secrets: secrets,
            queue: FakeQueue(clock: clock),
            clock: clock
        )
        _ = await ProducerLambdaHandler(warmingUp: webhook, logger: LogCapture().logger)
        #expect(fetches.count == 1, "fetched in the init phase, before any request")
        let response = await webhook.handle(request(), logger: LogCapture().logger)
        #expect(response.statusCode == 200)
        #expect(fetches.count == 1, "the first request used the secret fetched at start")
    }

    @Test func aSecretThatCannotBeFetchedAtStartIsFetchedByTheFirstRequest() async {
        let secrets = FakeSecrets(cached: nil)
        let logs = LogCapture()
        let webhook = handler(queue: FakeQueue(clock: clock), secrets: secrets)
        _ = await ProducerLambdaHandler(warmingUp: webhook, logger: logs.logger)
        #expect(secrets.plain == 1)
        #expect(logs.objects.contains { $0["level"] as? String == "warning" && $0["step"] as? String == "init" })
        let response = await webhook.handle(request(), logger: LogCapture().logger)
        #expect(response.statusCode == 503, "still unavailable: the request tried again")
        #expect(secrets.plain == 2)
    }

    @Test func developmentModeFetchesNoSecretAtStart() async throws {
        let secrets = FakeSecrets(cached: Self.secret)
        let config = try ProducerConfiguration(environment: [
            "QUEUE_URL": "http://127.0.0.1:9/q", "DEVELOPMENT": "true",
        ])
        _ = await ProducerLambdaHandler(
            warmingUp: handler(queue: FakeQueue(clock: clock), secrets: secrets, configuration: config),
            logger: LogCapture().logger
        )
        #expect(secrets.plain == 0 && secrets.refreshes == 0)
    }
}
