import AsanaAPI
import Foundation
import SentryAPI
import ServiceSupport
import Synchronization
import Testing

@testable import ConsumerService

/// SQS delivers at least once: a redelivered message must never make a second task.
@Suite struct IdempotencyTests {
    @Test func aRedeliveryAfterFullSuccessFindsTheTaskThroughTheIssueLinks() async throws {
        let bed = TestBed()
        bed.seedIssue("4200000001")
        let first = try await bed.run([TestBed.record()])
        let second = try await bed.run([TestBed.record()])
        let gid = try #require(bed.asana.created.first?.gid)
        #expect(first.outcomes["m-1"] == .created(taskGID: gid))
        #expect(second.outcomes["m-1"] == .duplicate(taskGID: gid))
        #expect(second.failedMessageIDs == [])
        #expect(bed.asana.created.count == 1)
        #expect(bed.sentry.linkCalls.count == 1, "already linked: no second link")
    }

    @Test func aFailedLinkBackIsRepairedByTheRedeliveryWithoutASecondTask() async throws {
        let bed = TestBed()
        bed.seedIssue("4200000001")
        bed.sentry.state.withLock { $0.linkFailures = [SentryAPIError(.serverError, status: 503)] }
        let first = try await bed.run([TestBed.record()])
        #expect(first.failedMessageIDs == ["m-1"], "the link-back failed: SQS must redeliver")
        #expect(bed.sentry.links("4200000001").isEmpty)
        let second = try await bed.run([TestBed.record()])
        #expect(second.failedMessageIDs == [])
        #expect(bed.asana.created.count == 1)
        let gid = try #require(bed.asana.created.first?.gid)
        #expect(second.outcomes["m-1"] == .duplicate(taskGID: gid))
        #expect(
            bed.sentry.links("4200000001").map(\.webURL) == [
                "https://app.asana.com/0/\(FakeAsana.sprint(1, 42))/\(gid)"
            ]
        )
    }

    @Test func aDifferentEventOfTheSameIssueIsANewTask() async throws {
        let bed = TestBed()
        bed.seedIssue("4200000001")
        _ = try await bed.run([TestBed.record("m-1", body: TestBed.alert(eventID: "ev-1"))])
        let second = try await bed.run([TestBed.record("m-2", body: TestBed.alert(eventID: "ev-2"))])
        #expect(bed.asana.created.count == 2)
        let notes = try #require(bed.asana.createCalls.last?.notes)
        let first = try #require(bed.asana.created.first { $0.notes?.contains("ev-1") == true })
        #expect(notes.hasPrefix("Previous Asana Task: \(first.url)\n\nRoot Asana Task: \(first.url)\n\n"))
        #expect(second.failedMessageIDs == [])
    }

    @Test func withoutAnEventIDTheMessageIDIsTheMarker() async throws {
        let bed = TestBed()
        let body = TestBed.alert(eventID: nil)
        _ = try await bed.run([TestBed.record("m-9", body: body)])
        let again = try await bed.run([TestBed.record("m-9", body: body)])
        #expect(bed.asana.created.count == 1)
        #expect(bed.asana.createCalls.first?.notes.hasSuffix("sentry-asana delivery: message m-9") == true)
        #expect(again.failedMessageIDs == [])
    }

    @Test(arguments: [1, 4])
    func theSameEventTwiceInOneBatchMakesOneTask(concurrency: Int) async throws {
        var bed = TestBed()
        bed.configuration.maxConcurrency = concurrency
        bed.seedIssue("4200000001")
        bed.asana.state.withLock { $0.recentTasksRendezvous = 2 }
        let result = try await bed.run([TestBed.record("m-1"), TestBed.record("m-2")])
        #expect(result.failedMessageIDs == [])
        #expect(bed.asana.created.count == 1, "the same Sentry event in two messages makes one task")
    }

    @Test func twoInstancesOnTheSameEventAtOnceEndWithOneTask() async throws {
        // Two consumer processes (an SQS duplicate, or a redelivery while the first run is still going): both
        // look before either creates, so both create; the later task then deletes itself.
        let bed = TestBed()
        bed.seedIssue("4200000001")
        bed.asana.state.withLock { $0.recentTasksRendezvous = 2 }
        let first = try bed.handler()
        let second = try bed.handler()
        async let one = first.handle([TestBed.record("m-1")], deadline: bed.deadline, logger: quietLogger)
        async let other = second.handle([TestBed.record("m-2")], deadline: bed.deadline, logger: quietLogger)
        let results = try await [one, other]
        #expect(results.allSatisfy { $0.failedMessageIDs.isEmpty })
        #expect(bed.asana.createCalls.count == 2, "both instances created: the race happened")
        #expect(bed.asana.created.count == 1, "one task remains")
        #expect(bed.asana.deleted.count == 1)
        let kept = try #require(bed.asana.created.first)
        #expect(!bed.asana.deleted.contains(kept.gid))
        #expect(bed.sentry.linkCalls.allSatisfy { $0.identifier == kept.gid }, "only the kept task is linked")
    }

    @Test func theEarliestTaskIsKeptByCreationTimeThenGid() {
        let early = AsanaTask(gid: "1200", createdAt: "2026-12-06T05:00:00.000Z")
        let late = AsanaTask(gid: "1100", createdAt: "2026-12-06T05:00:01.000Z")
        #expect(RecordProcessor.createdEarlier(early, late) && !RecordProcessor.createdEarlier(late, early))
        let small = AsanaTask(gid: "999", createdAt: "2026-12-06T05:00:00.000Z")
        #expect(RecordProcessor.createdEarlier(small, early), "same instant: the smaller gid, as a number")
    }
}
