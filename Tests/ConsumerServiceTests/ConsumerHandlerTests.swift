import AsanaAPI
import Foundation
import Routing
import SentryAPI
import ServiceSupport
import Synchronization
import TestSupport
import Testing

@testable import ConsumerService

@Suite struct ConsumerHandlerTests {
    /// The original's task body (reference §2.3 step 5), exactly: name, projects, its five custom fields, no
    /// workspace.
    @Test func aProductionErrorBecomesOneTaskInTheTeamsNewestSprintLinkedBack() async throws {
        let bed = TestBed()
        bed.seedIssue("4200000001")
        let result = try await bed.run([TestBed.record()])
        #expect(result.failedMessageIDs == [])
        let call = try #require(bed.asana.createCalls.first)
        #expect(bed.asana.createCalls.count == 1)
        #expect(call.name == "KeyError: 'log_type'")
        #expect(call.projects == [FakeAsana.sprint(1, 42)], "Ingestion's Sprint 42, not the newer archived project")
        #expect(call.workspace == nil)
        #expect(
            call.customFields == [
                "1199944595440874": .number(0.1),  // Estimate
                "1159524604627932": .option("1159524604627933"),  // Priority: HIGH
                "1200165681182165": .option("1200198568911550"),  // Reporter: Sentry.io
                "1202118168254120": .option("1202118168254133"),  // EPD Task Type: On Call
                "1199906290951705": .option("1199906290951709"),  // Team: Ingestion
            ]
        )
        let body = try #require(call.jsonObject["data"] as? [String: Any])
        #expect(Set(body.keys) == ["name", "notes", "projects", "custom_fields"])
        let gid = try #require(bed.asana.created.first?.gid)
        #expect(result.outcomes["m-1"] == .created(taskGID: gid))
        let link = try #require(bed.sentry.linkCalls.first)
        #expect(link.issueID == "4200000001")
        #expect(link.webURL == "https://app.asana.com/0/\(FakeAsana.sprint(1, 42))/\(gid)")
        #expect(bed.asana.comments(gid) == ["Linked by the Sentry-Asana automation"], "the original's story")
    }

    @Test func aProductionWarningGoesToTheBacklogAtMediumPriority() async throws {
        let bed = TestBed()
        _ = try await bed.run([TestBed.record(body: TestBed.alert(level: "warning"))])
        let call = try #require(bed.asana.createCalls.first)
        #expect(call.projects == ["1200908948600021"])
        #expect(call.customFields["1159524604627932"] == .option("1159524604627934"))
    }

    @Test func aProductionErrorWithoutASprintGoesToTheObservabilityBacklog() async throws {
        let bed = TestBed()
        bed.asana.state.withLock { $0.portfolios["1201675315243992"] = [] }
        _ = try await bed.run([TestBed.record()])
        #expect(bed.asana.createCalls.first?.projects == ["1201267919523642"])
    }

    @Test func aDevAlertGoesToTheDevSprintAndTheDevProject() async throws {
        let bed = TestBed()
        _ = try await bed.run([TestBed.record(body: TestBed.alert(environment: "dev"))])
        #expect(bed.asana.createCalls.first?.projects == [FakeAsana.sprint(1, 21), "1200611106362920"])
    }

    @Test func anEmptyDevPortfolioIsDroppedNotReplaced() async throws {
        let bed = TestBed()
        bed.asana.state.withLock { $0.portfolios["1201700591175697"] = [] }
        _ = try await bed.run([TestBed.record(body: TestBed.alert(environment: "dev"))])
        #expect(bed.asana.createCalls.first?.projects == ["1200611106362920"])
    }

    @Test func stagingGoesToTheSprintAndTheNewestReleaseTestingProject() async throws {
        let bed = TestBed()
        _ = try await bed.run([TestBed.record(body: TestBed.alert(environment: "staging"))])
        #expect(bed.asana.createCalls.first?.projects == [FakeAsana.sprint(1, 42), FakeAsana.releaseProject])
    }

    @Test func stagingWithNeitherProjectGoesToTheObservabilityBacklog() async throws {
        let bed = TestBed()
        bed.asana.state.withLock {
            $0.portfolios["1201675315243992"] = []
            $0.portfolios["1199961111326835"] = []
        }
        _ = try await bed.run([TestBed.record(body: TestBed.alert(environment: "staging"))])
        #expect(bed.asana.createCalls.first?.projects == ["1201267919523642"])
    }

    @Test func developmentModeSendsEverythingToTheDevProjects() async throws {
        var bed = TestBed()
        bed.configuration.development = true
        _ = try await bed.run([TestBed.record(body: TestBed.alert(environment: "prod"))])
        #expect(bed.asana.createCalls.first?.projects == [FakeAsana.sprint(1, 21), "1200611106362920"])
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
        SentryAPIError(.transport), SentryAPIError(.organizationNotFound, status: 404),
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
        let result = try await bed.run([TestBed.record(body: try FixtureLoader.bundled.text("event_alert_legacy"))])
        #expect(result.failedMessageIDs == [])
        #expect(bed.sentry.linkCalls.first?.issueID == "4200000002")
        #expect(
            bed.asana.createCalls.first?.customFields["1159524604627932"] == .option("1159524604627934"),
            "a warning"
        )
    }

    @Test func missingTagsBecomeUnknownNotAFailure() async throws {
        let bed = TestBed()
        let result = try await bed.run([TestBed.record(body: TestBed.alert(environment: nil, tags: [:]))])
        #expect(result.failedMessageIDs == [])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(notes.contains("\n\nCustomer Impacted: Unknown\n\n"))
        #expect(notes.contains("\n\nEnvironment: unknown\n\n"))
        #expect(
            notes.contains(
                "AWS Switch Role Link: https://Unknown.signin.aws.amazon.com/switchrole?roleName=PantherSupportRole-Unknown&account=Unknown&displayName=Unknown%20Support"
            )
        )
        #expect(
            bed.asana.createCalls.first?.customFields["1199906290951705"] == .option("1201305154831712"),
            "the default team, Observability & Performance"
        )
    }

    /// Sentry holds one link per app: the linked task is Previous; its notes' Root line is Root.
    @Test func theLinkedTaskIsPreviousAndItsRootLineIsRoot() async throws {
        let bed = TestBed()
        bed.seedIssue("4200000001")
        bed.asana.state.withLock {
            $0.tasks["1400000000000102"] = AsanaTask(
                gid: "1400000000000102",
                name: "second",
                notes:
                    "Previous Asana Task: https://app.asana.com/0/0/1400000000000101\n\nRoot Asana Task: https://app.asana.com/0/0/1400000000000100\n\nSentry Issue URL: x"
            )
        }
        bed.sentry.state.withLock {
            $0.links["4200000001"] = [ExternalIssue(webURL: "https://app.asana.com/0/0/1400000000000102")]
        }
        _ = try await bed.run([TestBed.record()])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(
            notes.hasPrefix(
                "Previous Asana Task: https://app.asana.com/0/0/1400000000000102\n\nRoot Asana Task: https://app.asana.com/0/0/1400000000000100\n\nSentry Issue URL: "
            )
        )
        #expect(notes.contains("Recurrence: 42 events since 2026-11-01T10:00:00Z (BACKEND-1)"))
        let newGID = try #require(bed.asana.created.first { $0.name == "KeyError: 'log_type'" }?.gid)
        #expect(
            bed.sentry.links("4200000001").map(\.webURL) == [
                "https://app.asana.com/0/\(FakeAsana.sprint(1, 42))/\(newGID)"
            ],
            "the new link replaced the old one"
        )
    }

    @Test func aPreviousTaskWithoutARootLineIsItsOwnRoot() async throws {
        let bed = TestBed()
        bed.seedIssue("4200000001")
        bed.asana.state.withLock {
            $0.tasks["1400000000000101"] = AsanaTask(
                gid: "1400000000000101",
                name: "first",
                notes: "Sentry Issue URL: x"
            )
        }
        bed.sentry.state.withLock {
            $0.links["4200000001"] = [ExternalIssue(webURL: "https://app.asana.com/0/0/1400000000000101")]
        }
        _ = try await bed.run([TestBed.record()])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(
            notes.hasPrefix(
                "Previous Asana Task: https://app.asana.com/0/0/1400000000000101\n\nRoot Asana Task: https://app.asana.com/0/0/1400000000000101\n\nSentry Issue URL: "
            )
        )
    }

    @Test func aDeletedPreviousTaskIsStillPreviousAndRoot() async throws {
        let bed = TestBed()
        bed.seedIssue("4200000001")
        bed.sentry.state.withLock {
            $0.links["4200000001"] = [ExternalIssue(webURL: "https://app.asana.com/0/0/1400000000000999")]
        }
        let result = try await bed.run([TestBed.record()])
        #expect(result.failedMessageIDs == [])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(
            notes.hasPrefix(
                "Previous Asana Task: https://app.asana.com/0/0/1400000000000999\n\nRoot Asana Task: https://app.asana.com/0/0/1400000000000999\n\n"
            )
        )
    }

    /// The original's root-link extraction: a `Root Asana Task:` line gives the root; notes without one (or
    /// none at all) make the previous task the root.
    @Test(
        arguments: [
            ("Root Asana Task: https://app.asana.com/1/2/3", "https://app.asana.com/1/2/3"),
            ("Sentry Issue URL: x\n\nno root here", "https://app.asana.com/0/0/1400000000000102"),
            (nil, "https://app.asana.com/0/0/1400000000000102"),
        ] as [(String?, String)]
    )
    func theRootComesFromThePreviousTasksNotes(notes: String?, root: String) async throws {
        let bed = TestBed()
        bed.seedIssue("4200000001")
        bed.asana.state.withLock {
            $0.tasks["1400000000000102"] = AsanaTask(gid: "1400000000000102", name: "previous", notes: notes)
        }
        bed.sentry.state.withLock {
            $0.links["4200000001"] = [ExternalIssue(webURL: "https://app.asana.com/0/0/1400000000000102")]
        }
        _ = try await bed.run([TestBed.record()])
        let created = try #require(bed.asana.createCalls.first?.notes)
        #expect(
            created.hasPrefix(
                "Previous Asana Task: https://app.asana.com/0/0/1400000000000102\n\nRoot Asana Task: \(root)\n\n"
            )
        )
    }

    @Test func aPrivatePreviousTaskIsItsOwnRootButOtherAsanaErrorsRetry() async throws {
        let bed = TestBed()
        bed.seedIssue("4200000001")
        bed.sentry.state.withLock {
            $0.links["4200000001"] = [ExternalIssue(webURL: "https://app.asana.com/0/0/1400000000000102")]
        }
        bed.asana.state.withLock { $0.taskFailures = [AsanaError(.forbidden, status: 403)] }
        let forbidden = try await bed.run([TestBed.record("m-1", body: TestBed.alert(eventID: "ev-1"))])
        #expect(forbidden.failedMessageIDs == [])
        #expect(
            bed.asana.createCalls.first?.notes.hasPrefix(
                "Previous Asana Task: https://app.asana.com/0/0/1400000000000102\n\nRoot Asana Task: https://app.asana.com/0/0/1400000000000102\n\n"
            ) == true
        )

        let other = TestBed()
        other.seedIssue("4200000001")
        other.sentry.state.withLock {
            $0.links["4200000001"] = [ExternalIssue(webURL: "https://app.asana.com/0/0/1400000000000102")]
        }
        other.asana.state.withLock { $0.taskFailures = [AsanaError(.serverError, status: 503)] }
        let failed = try await other.run([TestBed.record()])
        #expect(failed.failedMessageIDs == ["m-1"], "a 503 reading the previous task is transient")
        #expect(other.asana.createCalls.isEmpty)
    }

    /// Three alerts of one issue against a Sentry that keeps one link: the third task names the second as
    /// Previous and the first as Root.
    @Test func threeAlertsOfOneIssueFormTheChain() async throws {
        let bed = TestBed()
        bed.seedIssue("4200000001")
        for n in 1...3 { _ = try await bed.run([TestBed.record("m-\(n)", body: TestBed.alert(eventID: "ev-\(n)"))]) }
        let calls = bed.asana.createCalls
        try #require(calls.count == 3)
        let gids = bed.asana.created.sorted { $0.gid < $1.gid }.map(\.url)
        #expect(!calls[0].notes.contains("Asana Task:"))
        #expect(calls[1].notes.hasPrefix("Previous Asana Task: \(gids[0])\n\nRoot Asana Task: \(gids[0])\n\n"))
        #expect(calls[2].notes.hasPrefix("Previous Asana Task: \(gids[1])\n\nRoot Asana Task: \(gids[0])\n\n"))
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

/// A refused token is a configuration error: said once per batch, with a metric the configuration alarm pages on.
@Suite struct RefusedCredentialTests {
    struct Refusing: APITransport {
        func send(_ request: APIRequest) async throws -> APIResponse { APIResponse(status: 401) }
    }

    @Test func aRefusedTokenIsOneMetricLinePerBatchNamingTheToken() async throws {
        let refusals = CredentialRefusals()
        let transport = RefusalWatchingTransport(
            inner: Refusing(),
            credential: "ASANA_PAT",
            statuses: [401],
            refusals: refusals
        )
        let request = APIRequest(method: "GET", url: URL(string: "http://127.0.0.1:1/users/me")!, timeout: .seconds(1))
        for _ in 0..<3 { _ = try await transport.send(request) }
        let lines = Mutex<[String]>([])
        let bed = TestBed()
        let handler = ConsumerHandler(
            configuration: bed.configuration,
            table: try RoutingTable.load(path: TestBed.shippedTablePath),
            sentry: bed.sentry,
            asana: bed.asana,
            deadLetters: bed.deadLetters,
            visibility: bed.visibility,
            clock: bed.clock,
            refusals: refusals,
            emitMetric: { line in lines.withLock { $0.append(line) } }
        )
        _ = try await handler.handle([], deadline: bed.deadline, logger: quietLogger)
        let emitted = lines.withLock { $0 }
        #expect(emitted.count == 1, "three refusals in one batch: one line")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(emitted[0].utf8)) as? [String: Any])
        #expect(object["ConfigurationErrors"] as? Int == 1 && object["RefusedCredentials"] as? String == "ASANA_PAT")
        let directive = try #require(
            ((object["_aws"] as? [String: Any])?["CloudWatchMetrics"] as? [[String: Any]])?.first
        )
        #expect(directive["Namespace"] as? String == "SentryAsana")
        _ = try await handler.handle([], deadline: bed.deadline, logger: quietLogger)
        #expect(lines.withLock { $0.count } == 1, "a batch without refusals says nothing")
    }
}
