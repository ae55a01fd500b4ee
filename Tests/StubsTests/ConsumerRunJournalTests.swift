import Foundation
import Testing

@testable import Stubs

/// The calls a consumer run makes for one webhook, done by hand against both stubs over HTTP, and what the two
/// journals say afterwards: the record a test of the real consumer reads.
@Suite struct ConsumerRunJournalTests {
    @Test func journalsTellTheWholeRun() async throws {
        let asana = StubServer(service: try Fixtures.asana())
        let sentry = StubServer(service: try Fixtures.sentry())
        let webhook = try #require(
            try Fixtures.webhooks().first { $0.lastPathComponent == "event_alert-python-prod-core-infra.json" }
        )
        let event = try #require(JSON.parse(Array(try Data(contentsOf: webhook)))?["data"]?["event"])
        let issueID = try #require(event["issue_id"]?.string)

        try await asana.withRunning { asanaBase in
            try await sentry.withRunning { sentryBase in
                let org = sentryBase.appendingPathComponent("api/0/organizations/example-corp/issues/\(issueID)/")
                let issue = try await HTTP.call("GET", org, token: "sentry-token")
                #expect(issue.status == 200)
                let latest = try await HTTP.call(
                    "GET",
                    org.appendingPathComponent("events/latest/"),
                    token: "sentry-token"
                )
                #expect(latest.json?["eventID"] == event["event_id"])

                var items = URLComponents(
                    url: asanaBase.appendingPathComponent("api/1.0/portfolios/1200000000001002/items"),
                    resolvingAgainstBaseURL: false
                )!
                items.queryItems = [
                    .init(name: "opt_fields", value: "name,created_at,archived"), .init(name: "limit", value: "100"),
                ]
                let projects = try await HTTP.call("GET", items.url!, token: "asana-token")
                let newest = try #require(
                    projects.json?["data"]?.array?.filter { $0["archived"] == false }
                        .max { ($0["created_at"]?.string ?? "") < ($1["created_at"]?.string ?? "") }
                )
                #expect(newest["gid"] == "1200000000010012", "Sprint 42 is the newest project that is not archived")

                let body = """
                    {"data":{"name":\(JSON.string(issue.json?["title"]?.string ?? "").text),"projects":["1200000000010012"],\
                    "html_notes":"<body><a href=\\"https://example-corp.sentry.io/issues/\(issueID)/\\">Sentry issue</a></body>",\
                    "custom_fields":{"1100000000000101":"1100000000000102","1100000000000201":"1100000000000211",\
                    "1100000000000301":"1100000000000302","1100000000000401":"1100000000000402"}}}
                    """
                let task = try await HTTP.call(
                    "POST",
                    asanaBase.appendingPathComponent("api/1.0/tasks"),
                    token: "asana-token",
                    body: body
                )
                #expect(task.status == 201, "\(task.text)")
                let permalink = try #require(task.json?["data"]?["permalink_url"]?.string)
                let link = try await HTTP.call(
                    "POST",
                    sentryBase.appendingPathComponent(
                        "api/0/sentry-app-installations/a1b2c3d4-0000-4000-8000-000000000001/external-issues/"
                    ),
                    token: "sentry-token",
                    body:
                        #"{"issueId":\#(issueID),"webUrl":"\#(permalink)","project":"Core Infrastructure","identifier":"1"}"#
                )
                #expect(link.status == 200)
            }
        }

        let asanaCalls = asana.journal.entries().map { "\($0.method) \($0.path) \($0.status)" }
        #expect(
            asanaCalls == [
                "GET /api/1.0/portfolios/1200000000001002/items 200", "POST /api/1.0/tasks 201",
            ]
        )
        let sentryCalls = sentry.journal.entries().map { "\($0.method) \($0.path) \($0.status)" }
        #expect(
            sentryCalls == [
                "GET /api/0/organizations/example-corp/issues/\(issueID)/ 200",
                "GET /api/0/organizations/example-corp/issues/\(issueID)/events/latest/ 200",
                "POST /api/0/sentry-app-installations/a1b2c3d4-0000-4000-8000-000000000001/external-issues/ 200",
            ]
        )
        let created = try #require(asana.journal.entries(matching: JournalFilter(method: "POST")).first)
        #expect(created.json["body_json"]?["data"]?["custom_fields"]?["1100000000000201"] == "1100000000000211")
        #expect(created.header("Authorization") == "Bearer <redacted>")
        #expect(created.json["response_json"]?["data"]?["custom_fields"]?.array?.count == 5)
        #expect(created.query.isEmpty)
        let itemsCall = try #require(asana.journal.entries().first)
        #expect(itemsCall.query.contains("opt_fields=name"))
    }
}
