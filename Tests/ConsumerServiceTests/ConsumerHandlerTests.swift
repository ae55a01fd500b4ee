import AsanaAPI
import ConsumerService
import Foundation
import SentryAPI
import ServiceSupport
import Synchronization
import Testing

@Suite struct ConsumerHandlerTests {
    @Test func aProductionErrorBecomesOneTaskInTheTeamsNewestSprintLinkedBack() async throws {
        let bed = TestBed()
        bed.seedIssue("4200000001")
        let result = try await bed.run([TestBed.record()])
        #expect(result.failedMessageIDs == [])
        let call = try #require(bed.asana.createCalls.first)
        #expect(bed.asana.createCalls.count == 1)
        #expect(call.name == "KeyError: 'log_type'")
        #expect(call.projects == ["1200000000020012"], "ingestion's Sprint 42, not the newer archived project")
        #expect(call.workspace == "1100000000000001")
        #expect(
            call.customFields == [
                "1100000000000101": .option("1100000000000102"), "1100000000000201": .option("1100000000000212"),
                "1100000000000301": .option("1100000000000302"), "1100000000000401": .option("1100000000000402"),
                "1100000000000501": .number(1),
            ]
        )
        let gid = try #require(bed.asana.created.first?.gid)
        #expect(result.outcomes["m-1"] == .created(taskGID: gid))
        let link = try #require(bed.sentry.linkCalls.first)
        #expect(link.issueID == "4200000001")
        #expect(link.webURL == "https://app.asana.com/0/1200000000020012/\(gid)")
    }

    @Test func aProductionWarningGoesToTheBacklogAtMediumPriority() async throws {
        let bed = TestBed()
        _ = try await bed.run([TestBed.record(body: TestBed.alert(level: "warning"))])
        let call = try #require(bed.asana.createCalls.first)
        #expect(call.projects == ["1200000000002001"])
        #expect(call.customFields["1100000000000101"] == .option("1100000000000103"))
    }

    @Test func aDevAlertGoesToTheSandboxAndTheDevBoard() async throws {
        let bed = TestBed()
        _ = try await bed.run([TestBed.record(body: TestBed.alert(environment: "dev"))])
        #expect(bed.asana.createCalls.first?.projects == ["1200000000020021", "1300000000000001"])
    }

    @Test func anEmptySandboxPortfolioFallsBackToTheConfiguredBacklog() async throws {
        let bed = TestBed()
        let body = TestBed.alert(environment: "dev", tags: ["url": "https://app.example.com/overview"])
        _ = try await bed.run([TestBed.record(body: body)])
        #expect(bed.asana.createCalls.first?.projects == ["1300000000000003", "1300000000000001"])
        #expect(bed.asana.createCalls.first?.customFields["1100000000000201"] == .option("1100000000000215"))
    }

    @Test func stagingGoesToTheSprintAndTheNewestReleaseTestingProject() async throws {
        let bed = TestBed()
        _ = try await bed.run([TestBed.record(body: TestBed.alert(environment: "staging"))])
        #expect(bed.asana.createCalls.first?.projects == ["1200000000020012", "1300000000000011"])
    }

    @Test func developmentModeSendsEverythingToTheSandbox() async throws {
        var bed = TestBed()
        bed.configuration.development = true
        _ = try await bed.run([TestBed.record(body: TestBed.alert(environment: "prod"))])
        #expect(bed.asana.createCalls.first?.projects == ["1200000000020021", "1300000000000001"])
    }

    @Test func aDeletedOrMergedIssueMeansNoChainNotAFailure() async throws {
        let bed = TestBed()
        let result = try await bed.run([TestBed.record()])
        #expect(result.failedMessageIDs == [])
        #expect(
            bed.asana.createCalls.first?.notes.contains("Recurrence: unknown (the Sentry issue was deleted or merged)")
                == true
        )
    }

    @Test(arguments: [
        SentryAPIError(.serverError, status: 502), SentryAPIError(.rateLimited, status: 429),
        SentryAPIError(.transport),
    ])
    func aTransientSentryAnswerFailsTheRecord(error: SentryAPIError) async throws {
        let bed = TestBed()
        bed.sentry.state.withLock { $0.issueFailures = [error] }
        let result = try await bed.run([TestBed.record()])
        #expect(result.failedMessageIDs == ["m-1"])
        #expect(bed.asana.createCalls.isEmpty)
    }

    @Test func anOlderPayloadWithoutIssueIDUsesTheIssueURL() async throws {
        let bed = TestBed()
        bed.seedIssue("4200000002")
        let result = try await bed.run([TestBed.record(body: try Fixture.text("event_alert_legacy"))])
        #expect(result.failedMessageIDs == [])
        #expect(bed.sentry.linkCalls.first?.issueID == "4200000002")
        #expect(
            bed.asana.createCalls.first?.customFields["1100000000000101"] == .option("1100000000000103"),
            "a warning"
        )
    }

    @Test func missingTagsBecomeUnknownNotAFailure() async throws {
        let bed = TestBed()
        let result = try await bed.run([TestBed.record(body: TestBed.alert(environment: nil, tags: [:]))])
        #expect(result.failedMessageIDs == [])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(notes.contains("Customer: Unknown"))
        #expect(notes.contains("Environment: Unknown"))
        #expect(notes.contains("AWS switch role: Unknown"))
        #expect(
            bed.asana.createCalls.first?.customFields["1100000000000201"] == .option("1100000000000211"),
            "the default team"
        )
    }

    @Test func existingLinksBecomeRootAndPreviousTaskLines() async throws {
        let bed = TestBed()
        bed.seedIssue("4200000001")
        bed.sentry.state.withLock {
            $0.links["4200000001"] = [
                ExternalIssue(webURL: "https://app.asana.com/0/1/1400000000000101"),
                ExternalIssue(webURL: "https://app.asana.com/0/1/1400000000000102"),
            ]
        }
        _ = try await bed.run([TestBed.record()])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(
            notes.hasPrefix(
                "Root Asana task: https://app.asana.com/0/1/1400000000000101\nPrevious Asana task: https://app.asana.com/0/1/1400000000000102\n"
            )
        )
        #expect(notes.contains("Recurrence: 42 events since 2026-11-01T10:00:00Z (BACKEND-1)"))
    }

    @Test(arguments: [
        ("not json", ["resource": "event_alert"], "not_json"),
        (#"{"action":"created","data":{"installation":{"uuid":"x"}}}"#, ["resource": "event_alert"], "not_event_alert"),
        (TestBed.alert(), ["resource": "installation"], "resource installation"),
    ])
    func poisonRecordsGoToTheDLQAtOnceAndCountAsProcessed(
        body: String,
        attributes: [String: String],
        reason: String
    ) async throws {
        let bed = TestBed()
        let result = try await bed.run([TestBed.record("poison", body: body, attributes: attributes)])
        #expect(result.failedMessageIDs == [])
        #expect(bed.deadLetters.ids == ["poison"])
        #expect(bed.deadLetters.reasons.first?.contains(reason) == true, "\(bed.deadLetters.reasons)")
        #expect(bed.asana.createCalls.isEmpty)
    }

    @Test func batchFailuresNameExactlyTheFailedRecords() async throws {
        let bed = TestBed()
        bed.sentry.state.withLock { $0.issueFailures = [SentryAPIError(.serverError, status: 500)] }
        var config = bed.configuration
        config.maxConcurrency = 1
        var serial = bed
        serial.configuration = config
        let records = [
            TestBed.record("a", body: TestBed.alert(eventID: "e-a")),
            TestBed.record("b", body: TestBed.alert(eventID: "e-b")),
            TestBed.record("c", body: "garbage"), TestBed.record("d", body: TestBed.alert(eventID: "e-d")),
        ]
        let result = try await serial.run(records)
        #expect(result.failedMessageIDs == ["a"], "only the record that met the Sentry 500")
        #expect(result.outcomes.count == 4)
        #expect(result.outcomes["c"] == .deadLettered(reason: "not_json: the body is not a JSON object"))
        #expect(bed.asana.createCalls.count == 2)
    }

    @Test func aRepeatedMessageIDFailsTheWholeInvocation() async throws {
        let bed = TestBed()
        await #expect(throws: BatchError.self) { try await bed.run([TestBed.record("x"), TestBed.record("x")]) }
    }

    @Test func recordsStartedWithoutTimeLeftFailRatherThanRunPastTheDeadline() async throws {
        let bed = TestBed()
        let handler = try bed.handler()
        let result = try await handler.handle(
            [TestBed.record("late")],
            deadline: Deadline(bed.clock.now().addingTimeInterval(1)),
            logger: quietLogger
        )
        #expect(result.failedMessageIDs == ["late"])
        #expect(bed.asana.createCalls.isEmpty)
    }
}
