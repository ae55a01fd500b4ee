import AsanaAPI
import ConsumerService
import Foundation
import Routing
import SentryAPI
import ServiceSupport
import Synchronization
import Testing

@Suite struct ConsumerRetryTests {
    @Test func anAsana429WithinTheTimeLeftIsWaitedOut() async throws {
        let bed = TestBed()
        bed.asana.state.withLock { $0.createFailures = [AsanaError(.rateLimited, status: 429, retryAfter: 5)] }
        let result = try await bed.run([TestBed.record()])
        #expect(result.failedMessageIDs == [])
        #expect(bed.clock.sleeps == [.seconds(5)])
        #expect(bed.asana.created.count == 1)
        #expect(bed.visibility.all.isEmpty)
    }

    @Test(arguments: [
        (5, 1, 60), (120, 1, 120), (5, 2, 120), (5, 3, 240), (5, 10, 30_720), (5, 11, 43_200), (5, 40, 43_200),
        (90_000, 1, 43_200), (0, 0, 60),
    ])
    func rateLimitedRecordsBackOffWithTheReceiveCount(retryAfter: Int, receiveCount: Int, seconds: Int) {
        #expect(ConsumerHandler.rateLimitVisibility(retryAfter: retryAfter, receiveCount: receiveCount) == seconds)
    }

    /// Ten receives of a record Asana keeps throttling span hours, not minutes: no DLQ within the hour.
    @Test func sustainedThrottlingSpreadsTheTenReceivesOverHours() {
        let total = (1...9).reduce(0) { $0 + ConsumerHandler.rateLimitVisibility(retryAfter: 30, receiveCount: $1) }
        #expect(total > 8 * 3600)
    }

    @Test func aLaterReceiveOfARateLimitedRecordWaitsLonger() async throws {
        let bed = TestBed()
        bed.asana.state.withLock { $0.createFailures = [AsanaError(.rateLimited, status: 429, retryAfter: 120)] }
        let record = ConsumerRecord(
            messageID: "m-1",
            receiptHandle: "rh",
            body: TestBed.alert(),
            attributes: ["resource": "event_alert"],
            receiveCount: 5
        )
        let result = try await bed.run([record])
        #expect(result.failedMessageIDs == ["m-1"])
        #expect(bed.visibility.all.map(\.1) == [960])
    }

    @Test func anAsana429BeyondTheTimeLeftFailsTheRecordAndPushesItsVisibility() async throws {
        let bed = TestBed()
        bed.asana.state.withLock { $0.createFailures = [AsanaError(.rateLimited, status: 429, retryAfter: 120)] }
        let result = try await bed.run([TestBed.record()])
        #expect(result.failedMessageIDs == ["m-1"])
        #expect(bed.clock.sleeps.isEmpty)
        #expect(bed.visibility.all.map(\.0) == ["m-1"])
        #expect(bed.visibility.all.map(\.1) == [120])
    }

    @Test func aCustomFieldRejectionCreatesTheTaskWithMinimalFieldsAndSaysSo() async throws {
        let bed = TestBed()
        let rejection = AsanaError(
            .badRequest,
            status: 400,
            messages: ["custom_fields: enum_option 1100000000000212 is not valid"]
        )
        bed.asana.state.withLock { $0.createFailures = [rejection] }
        let result = try await bed.run([TestBed.record()])
        #expect(result.failedMessageIDs == [])
        #expect(bed.asana.createCalls.count == 2)
        let retry = try #require(bed.asana.createCalls.last)
        #expect(retry.customFields.isEmpty)
        #expect(
            retry.notes.contains(
                "created without custom fields because Asana rejected them: custom_fields: enum_option"
            )
        )
    }

    @Test func anotherAsana400FailsTheRecordWithoutRetryingTenTimes() async throws {
        let bed = TestBed()
        bed.asana.state.withLock {
            $0.createFailures = [AsanaError(.badRequest, status: 400, messages: ["projects: Not a valid project"])]
        }
        let result = try await bed.run([TestBed.record()])
        #expect(result.failedMessageIDs == ["m-1"])
        #expect(bed.asana.createCalls.count == 1)
    }

    @Test func concurrencyIsBounded() async throws {
        var bed = TestBed()
        bed.configuration.maxConcurrency = 2
        let probe = ConcurrencyProbe()
        let table = try Routing.RoutingTable.load(path: TestBed.shippedTablePath)
        let handler = ConsumerHandler(
            configuration: bed.configuration,
            table: table,
            sentry: bed.sentry,
            asana: ProbingAsana(inner: bed.asana, probe: probe),
            deadLetters: bed.deadLetters,
            visibility: bed.visibility,
            clock: bed.clock
        )
        let records = (0..<8).map { TestBed.record("m\($0)", body: TestBed.alert(eventID: "e\($0)")) }
        let result = try await handler.handle(records, deadline: bed.deadline, logger: quietLogger)
        #expect(result.failedMessageIDs == [])
        #expect(bed.asana.created.count == 8)
        #expect(probe.maximum <= 2, "at most MAX_CONCURRENCY records at once, saw \(probe.maximum)")
        #expect(probe.maximum >= 1)
    }
}
