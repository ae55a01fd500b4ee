import Foundation
import Testing

@testable import Stubs

@Suite struct SentryStubTests {
    let token = "sentry-token"
    let org = "/api/0/organizations/example-corp"

    @Test func everyWebhookFixtureHasItsIssueAndEvent() throws {
        let state = try Fixtures.sentry().snapshot
        let files = try Fixtures.webhooks()
        #expect(files.count >= 8)
        var withoutIssueID = 0
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            #expect(!bytes.contains(UInt8(ascii: "\n")), "\(file.lastPathComponent) is compact like Sentry's")
            let payload = try #require(JSON.parse(bytes))
            #expect(payload["action"] == "triggered")
            #expect(payload["installation"]?["uuid"] == "a1b2c3d4-0000-4000-8000-000000000001")
            let event = try #require(payload["data"]?["event"])
            #expect(payload["data"]?["triggered_rule"]?.string != nil)
            let issueURL = try #require(event["issue_url"]?.string)
            let issueID = String(issueURL.split(separator: "/").last!)
            if event["issue_id"] == nil { withoutIssueID += 1 } else { #expect(event["issue_id"] == .string(issueID)) }
            #expect(state.issues[issueID] != nil, "\(file.lastPathComponent): issue \(issueID) is seeded")
            #expect(state.events[issueID]?.contains { $0["eventID"] == event["event_id"] } == true)
            let tags = try #require(event["tags"]?.array)
            #expect(tags.allSatisfy { $0.array?.count == 2 }, "tags are [key, value] pairs")
            #expect(event["web_url"]?.string != nil && event["level"] != nil && event["environment"] != nil)
        }
        #expect(withoutIssueID >= 2)
    }

    @Test func issuesEventsAndAuth() async throws {
        let server = StubServer(service: try Fixtures.sentry())
        let noAuth = await server.call("GET", "\(org)/issues/4500000001/", token: nil)
        #expect(noAuth.status == 401)
        #expect(noAuth.json == ["detail": "Authentication credentials were not provided."])
        let wrong = await server.call("GET", "\(org)/issues/4500000001/", token: "nope")
        #expect(wrong.json == ["detail": "Invalid token"])
        let issue = await server.call("GET", "\(org)/issues/4500000001/", token: token)
        #expect(issue.status == 200)
        #expect(issue.json["title"] == "KeyError: 'tenant_id'")
        #expect(issue.response.header("X-Sentry-Rate-Limit-Limit") == "1000")
        #expect(issue.response.header("X-Sentry-Rate-Limit-Remaining") != nil)
        let otherOrg = await server.call("GET", "/api/0/organizations/other/issues/4500000001/", token: token)
        #expect(otherOrg.status == 404)
        #expect(otherOrg.json == ["detail": "The requested resource does not exist"])
        let latest = await server.call("GET", "\(org)/issues/4500000001/events/latest/", token: token)
        let oldest = await server.call("GET", "\(org)/issues/4500000001/events/oldest/", token: token)
        #expect(latest.json["eventID"] == "5e000000000040008000000000000001")
        #expect(oldest.json["eventID"] != latest.json["eventID"])
        let byID = await server.call(
            "GET",
            "\(org)/issues/4500000001/events/5e000000000040008000000000000001/",
            token: token
        )
        #expect(byID.status == 200)
        let missingEvent = await server.call("GET", "\(org)/issues/4500000001/events/ffff/", token: token)
        #expect(missingEvent.status == 404)
        let wrongMethod = await server.call("POST", "\(org)/issues/4500000001/", token: token, body: "{}")
        #expect(wrongMethod.status == 405)
    }

    @Test func linkPaginationWalksAllPages() async throws {
        let server = StubServer(service: try Fixtures.sentry())
        var uri = "\(org)/issues/?per_page=3"
        var ids: [String] = []
        for _ in 0..<10 {
            let page = await server.call("GET", uri, token: token)
            ids += page.json.array?.compactMap { $0["id"]?.string } ?? []
            let link = try #require(page.response.header("Link"))
            #expect(link.contains("rel=\"previous\""))
            let next = try #require(link.components(separatedBy: ", ").first { $0.contains("rel=\"next\"") })
            guard next.contains("results=\"true\"") else { break }
            let url = try #require(URL(string: String(next.split(separator: ">")[0].dropFirst())))
            #expect(url.host == "sentry.io", "without a listening server the links name sentry.io")
            uri = url.path + "/?" + (url.query ?? "")
        }
        #expect(ids == (1...8).map { "450000000\($0)" })
        for bad in ["cursor=0:9223372036854775807:0", "cursor=nonsense", "per_page=0", "per_page=101"] {
            let answer = await server.call("GET", "\(org)/issues/?\(bad)", token: token)
            #expect(answer.status == 400, "\(bad) is refused, not a crash")
            #expect(answer.json["detail"]?.string != nil)
        }
    }

    @Test func updateCommentsAndDuplicateComment() async throws {
        let server = StubServer(service: try Fixtures.sentry())
        let resolve = await server.call(
            "PUT",
            "\(org)/issues/4500000002/",
            token: token,
            body: #"{"status":"resolved"}"#
        )
        #expect(resolve.status == 200)
        #expect(resolve.json["status"] == "resolved")
        let bad = await server.call("PUT", "\(org)/issues/4500000002/", token: token, body: #"{"status":"sleeping"}"#)
        #expect(bad.status == 400)
        #expect(bad.json["status"]?.array?.first?.string?.contains("not a valid choice") == true)
        let comment = await server.call(
            "POST",
            "\(org)/issues/4500000002/comments/",
            token: token,
            body: #"{"text":"Asana task: https://app.asana.com/0/1/2"}"#
        )
        #expect(comment.status == 201)
        let again = await server.call(
            "POST",
            "\(org)/issues/4500000002/comments/",
            token: token,
            body: #"{"text":"Asana task: https://app.asana.com/0/1/2"}"#
        )
        #expect(again.status == 400)
        #expect(again.json == ["detail": "You have already posted that comment."])
        let blank = await server.call("POST", "\(org)/issues/4500000002/comments/", token: token, body: #"{}"#)
        #expect(blank.json == ["text": ["This field is required."]])
        let issue = await server.call("GET", "\(org)/issues/4500000002/", token: token)
        #expect(issue.json["status"] == "resolved")
        #expect(issue.json["numComments"] == 1)
    }

    @Test func externalIssuesLinkAndUnlink() async throws {
        let server = StubServer(service: try Fixtures.sentry())
        let base = "/api/0/sentry-app-installations/a1b2c3d4-0000-4000-8000-000000000001/external-issues/"
        let created = await server.call(
            "POST",
            base,
            token: token,
            body: #"{"issueId":4500000003,"webUrl":"https://app.asana.com/0/1/2","project":"Web","identifier":"2"}"#
        )
        #expect(created.status == 200)
        #expect(created.json["displayName"] == "Web#2")
        let id = try #require(created.json["id"]?.string)
        let listed = await server.call("GET", "\(org)/issues/4500000003/external-issues/", token: token)
        #expect(listed.json.array?.count == 1)
        let missingField = await server.call("POST", base, token: token, body: #"{"issueId":4500000003}"#)
        #expect(missingField.status == 400)
        let unknownInstall = await server.call(
            "POST",
            "/api/0/sentry-app-installations/nope/external-issues/",
            token: token,
            body: "{}"
        )
        #expect(unknownInstall.status == 404)
        let deleted = await server.call("DELETE", "\(base)\(id)/", token: token)
        #expect(deleted.status == 204)
        let twice = await server.call("DELETE", "\(base)\(id)/", token: token)
        #expect(twice.status == 404)
    }

    @Test func legacyIssueEndpointIsDeprecatedAndCanBrownOut() async throws {
        let server = StubServer(service: try Fixtures.sentry())
        let legacy = await server.call("GET", "/api/0/issues/4500000004/", token: token)
        #expect(legacy.status == 200)
        #expect(legacy.response.header("X-Sentry-Deprecation-Date") != nil)
        #expect(
            legacy.response.header("X-Sentry-Replacement-Endpoint")
                == "/api/0/organizations/example-corp/issues/4500000004/"
        )
        let put = await server.call("PUT", "/api/0/issues/4500000004/", token: token, body: #"{"status":"ignored"}"#)
        #expect(put.status == 200)
        #expect(put.json["status"] == "ignored")
        #expect(put.response.header("X-Sentry-Deprecation-Date") != nil)
        _ = await server.call("POST", "/__admin/seed", token: nil, body: #"{"settings":{"legacy_brownout":true}}"#)
        let gone = await server.call("GET", "/api/0/issues/4500000004/", token: token)
        #expect(gone.status == 410)
        #expect(gone.json == ["message": "This API no longer exists."])
    }

    @Test func rateLimitAnswers429WithSentrysHeaders() async throws {
        let server = StubServer(service: try Fixtures.sentry(rateLimit: 2))
        var statuses: [Int] = []
        var last: StubResponse?
        for _ in 0..<5 {
            let answer = await server.call("GET", "\(org)/issues/4500000001/", token: token)
            statuses.append(answer.status)
            last = answer.response
        }
        // Requests can straddle a one-second boundary; at least one is refused either way.
        #expect(statuses.contains(429))
        let refused = try #require(last)
        if refused.status == 429 {
            #expect(refused.header("X-Sentry-Rate-Limit-Remaining") == "0")
            #expect(JSON.parse(refused.body)?["detail"]?.string?.contains("too frequently") == true)
        }
    }
}
