import AsanaAPI
import ConsumerService
import Foundation
import SentryAPI
import ServiceSupport
import Synchronization
import Testing

/// The note as the original wrote it (reference §2.7), compared whole; what we add comes after its lines.
@Suite struct TaskNotesTests {
    static let runbook = "https://www.notion.so/pantherlabs/Sentry-issue-handling-0123456789abcdef"

    /// The original's sample event (`test_data/sentry_event.json`): `panther-snowflake-api`, dev, error, issue
    /// 2971136216, us-west-2, no `customer_name`.
    static func sampleEvent(tags extra: [String: String] = [:], eventID: String = "ev-sample") -> String {
        var tags = [
            "server_name": "panther-snowflake-api", "aws_region": "us-west-2", "aws_account_id": "123456789012",
            "url": "http://internal-panther-elb-123.us-west-2.elb.amazonaws.com/v1/api",
        ]
        tags.merge(extra) { $1 }
        let body = TestBed.alert(
            eventID: eventID,
            issueID: "2971136216",
            title: "snowflake: query failed",
            environment: "dev",
            tags: tags
        )
        return body.replacingOccurrences(of: "2026-11-28T21:14:07Z", with: "2022-01-29T00:19:22.986521Z")
    }

    func bed() -> TestBed {
        var bed = TestBed()
        bed.configuration.sentryOrganization = "panther-labs"
        bed.configuration.runbookURL = Self.runbook
        return bed
    }

    static let originalLines = """
        Sentry Issue URL: https://sentry.io/organizations/panther-labs/issues/2971136216

        Event Datetime: 2022-01-29t00:19:22.986521z

        Customer Impacted: Unknown

        Environment: dev

        Runbook: \(runbook)

        AWS Switch Role Link: https://us-west-2.signin.aws.amazon.com/switchrole?roleName=PantherSupportRole-us-west-2&account=123456789012&displayName=Unknown%20Support
        """

    @Test func withoutPreviousOrRootTheNoteIsTheOriginalsThenOurs() async throws {
        let bed = bed()
        _ = try await bed.run([TestBed.record(body: Self.sampleEvent())])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(
            notes == Self.originalLines + """


                Team: Investigations (server_name contains panther-snowflake-api)

                Recurrence: unknown (the Sentry issue was deleted or merged)

                sentry-asana delivery: event ev-sample
                """
        )
    }

    @Test func withPreviousAndRootTheyComeFirst() async throws {
        let bed = bed()
        bed.seedIssue("2971136216")
        bed.asana.state.withLock {
            $0.tasks["1201774672374354"] = AsanaTask(
                gid: "1201774672374354",
                name: "second",
                notes:
                    "Previous Asana Task: https://app.asana.com/0/0/1201774672374300\n\nRoot Asana Task: https://app.asana.com/0/0/1201774672374300\n\nSentry Issue URL: x"
            )
        }
        bed.sentry.state.withLock {
            $0.links["2971136216"] = [ExternalIssue(webURL: "https://app.asana.com/0/0/1201774672374354")]
        }
        _ = try await bed.run([TestBed.record(body: Self.sampleEvent())])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(
            notes == """
                Previous Asana Task: https://app.asana.com/0/0/1201774672374354

                Root Asana Task: https://app.asana.com/0/0/1201774672374300


                """ + Self.originalLines + """


                    Team: Investigations (server_name contains panther-snowflake-api)

                    Recurrence: 42 events since 2026-11-01T10:00:00Z (BACKEND-1)

                    sentry-asana delivery: event ev-sample
                    """
        )
    }

    @Test func theCustomerIsURLQuotedInTheSwitchRoleLink() async throws {
        let bed = bed()
        _ = try await bed.run([TestBed.record(body: Self.sampleEvent(tags: ["customer_name": "Awesome Co/EU & more"]))])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(notes.contains("\n\nCustomer Impacted: Awesome Co/EU & more\n\n"))
        #expect(notes.contains("&displayName=Awesome%20Co/EU%20%26%20more%20Support\n\n"))
    }

    @Test func aSelfHostedAccountGetsNoSwitchRoleLink() async throws {
        let bed = bed()
        _ = try await bed.run([TestBed.record(body: Self.sampleEvent(tags: ["aws_account_id": "999999999999"]))])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(!notes.contains("AWS Switch Role Link"))
        #expect(notes.contains("Runbook: \(Self.runbook)\n\nTeam: Investigations"))
    }

    @Test func theRoleNameIsConfigurable() async throws {
        var bed = bed()
        bed.configuration.switchRoleName = "OnCall-{region}-ReadOnly"
        _ = try await bed.run([TestBed.record(body: Self.sampleEvent())])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(notes.contains("switchrole?roleName=OnCall-us-west-2-ReadOnly&account=123456789012&"))
    }
}

@Suite struct ConsumerConfigurationTests {
    @Test func requiredValuesAndDefaults() throws {
        let config = try ConsumerConfiguration(environment: [
            "SENTRY_ORG": "example-corp", "SENTRY_INSTALLATION_UUID": "a1b2c3d4-0000-4000-8000-000000000001",
            "LAMBDA_TASK_ROOT": "/var/task",
        ])
        #expect(config.sentryBaseURL.absoluteString == "https://sentry.io")
        #expect(config.routingTablePath == "/var/task/routing.yaml")
        #expect(config.maxConcurrency == 4)
        #expect(config.development == false)
    }

    @Test func badValuesAreClearInitErrors() {
        let base = ["SENTRY_ORG": "o", "SENTRY_INSTALLATION_UUID": "a1b2c3d4-0000-4000-8000-000000000001"]
        #expect(
            ConfigurationCheck.variable {
                try ConsumerConfiguration(environment: ["SENTRY_INSTALLATION_UUID": base["SENTRY_INSTALLATION_UUID"]!])
            } == "SENTRY_ORG"
        )
        #expect(
            ConfigurationCheck.variable {
                try ConsumerConfiguration(environment: ["SENTRY_ORG": "o", "SENTRY_INSTALLATION_UUID": "nope"])
            } == "SENTRY_INSTALLATION_UUID"
        )
        #expect(
            ConfigurationCheck.variable {
                try ConsumerConfiguration(environment: base.merging(["MAX_CONCURRENCY": "0"]) { $1 })
            } == "MAX_CONCURRENCY"
        )
        #expect(
            ConfigurationCheck.variable {
                try ConsumerConfiguration(environment: base.merging(["SELF_HOSTED_ACCOUNTS": "123"]) { $1 })
            } == "SELF_HOSTED_ACCOUNTS"
        )
        #expect(
            ConfigurationCheck.variable {
                try ConsumerConfiguration(environment: base.merging(["SENTRY_BASE_URL": "ftp://x"]) { $1 })
            } == "SENTRY_BASE_URL"
        )
    }
}
