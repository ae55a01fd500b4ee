import AsanaAPI
import ConsumerService
import Foundation
import SentryAPI
import ServiceSupport
import Synchronization
import Testing

@Suite struct TaskNotesTests {
    @Test func theNotesHoldTheOriginalsFieldsInOrder() async throws {
        let bed = TestBed()
        bed.seedIssue("4200000001")
        _ = try await bed.run([TestBed.record(body: try Fixture.text("event_alert"))])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(
            notes == """
                Sentry issue: https://sentry.io/organizations/example-corp/issues/4200000001/
                Sentry event: https://sentry.io/organizations/example-corp/issues/4200000001/events/9f1c2e0a7b3d4c5e8f9a0b1c2d3e4f50/
                Event time: 2026-11-28T21:14:07.123000Z
                Customer: acme
                Environment: prod
                Server: panther-log-processor
                Team: Log Ingestion
                Runbook: https://runbooks.example.com/sentry-alerts
                AWS switch role: https://signin.aws.amazon.com/switchrole?roleName=SentryOnCallReadOnly&account=123456789012&displayName=acme%20us-east-1
                Recurrence: 42 events since 2026-11-01T10:00:00Z (BACKEND-1)

                sentry-asana delivery: event 9f1c2e0a7b3d4c5e8f9a0b1c2d3e4f50
                """
        )
    }

    @Test func withoutSentryDetailsTheWebhooksURLStands() async throws {
        let bed = TestBed()
        _ = try await bed.run([TestBed.record(body: try Fixture.text("event_alert"))])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(
            notes.hasPrefix(
                "Sentry issue: https://sentry.io/organizations/example-corp/issues/4200000001/events/9f1c2e0a7b3d4c5e8f9a0b1c2d3e4f50/\nEvent time:"
            )
        )
        #expect(!notes.contains("Sentry event:"))
    }

    @Test func aSelfHostedAccountGetsNoSwitchRoleLink() async throws {
        let bed = TestBed()
        let body = TestBed.alert(tags: ["server_name": "x", "aws_account_id": "999999999999"])
        _ = try await bed.run([TestBed.record(body: body)])
        let notes = try #require(bed.asana.createCalls.first?.notes)
        #expect(notes.contains("AWS switch role: none (self-hosted customer account 999999999999)"))
        #expect(!notes.contains("signin.aws.amazon.com"))
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

enum ConfigurationCheck {
    /// The variable a failing configuration names; nil when it did not fail.
    static func variable(_ body: () throws -> ConsumerConfiguration) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as ConfigurationError {
            return error.variable
        } catch {
            return "unexpected \(error)"
        }
    }
}
