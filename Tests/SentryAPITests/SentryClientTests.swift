import Foundation
import Hummingbird
import SentryAPI
import ServiceSupport
import TestSupport
import Testing

@Suite struct SentryClientTests {
    let base = URL(string: "https://sentry.example.test")!

    func client(_ transport: RecordingTransport) -> DefaultSentryClient {
        DefaultSentryClient(baseURL: base, organization: "example-corp", token: "sntrys_test", transport: transport)
    }

    @Test func issueLookupUsesTheOrganizationPathAndBearerToken() async throws {
        let body = try FixtureLoader.bundled.data("issue")
        let transport = RecordingTransport { _ in APIResponse(status: 200, body: body) }
        let issue = try await client(transport).issue(id: "4200000001")
        #expect(issue.shortID == "BACKEND-1AB")
        #expect(issue.userCount == "3")
        #expect(issue.projectSlug == "backend")
        let request = try #require(transport.sent.first)
        #expect(request.method == "GET")
        #expect(
            request.url.absoluteString
                == "https://sentry.example.test/api/0/organizations/example-corp/issues/4200000001/"
        )
        #expect(request.headers["Authorization"] == "Bearer sntrys_test")
    }

    @Test func externalIssuesDecodeWithLooseIDs() async throws {
        let body = try FixtureLoader.bundled.data("external_issues")
        let transport = RecordingTransport { _ in APIResponse(status: 200, body: body) }
        let links = try await client(transport).externalIssues(issueID: "4200000001")
        #expect(links.map(\.id) == ["7001", "7002"])
        #expect(links[1].issueID == "4200000001")
        #expect(
            transport.sent.first?.url.absoluteString.hasSuffix(
                "/api/0/organizations/example-corp/issues/4200000001/external-issues/"
            ) == true
        )
    }

    @Test func linkPostsTheTaskURLToTheInstallation() async throws {
        let transport = RecordingTransport { _ in
            APIResponse(
                status: 201,
                body: Data(
                    #"{"id":"9","issueId":"42","webUrl":"https://app.asana.com/0/1/2","displayName":"Asana#2"}"#.utf8
                )
            )
        }
        let link = ExternalIssueLink(
            issueID: "42",
            webURL: "https://app.asana.com/0/1/2",
            project: "Asana",
            identifier: "2"
        )
        let created = try await client(transport).link(link, installationUUID: "a1b2c3d4-0000-4000-8000-000000000001")
        #expect(created.id == "9")
        let request = try #require(transport.sent.first)
        #expect(request.method == "POST")
        #expect(
            request.url.absoluteString.hasSuffix(
                "/api/0/sentry-app-installations/a1b2c3d4-0000-4000-8000-000000000001/external-issues/"
            )
        )
        let json = try #require(try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
        #expect(json["issueId"] as? Int == 42, "Sentry wants the issue id as a number")
        #expect(json["webUrl"] as? String == "https://app.asana.com/0/1/2")
    }

    @Test(arguments: [
        (404, SentryAPIError.Code.gone, false),
        (410, .gone, false),
        (429, .rateLimited, true),
        (500, .serverError, true),
        (503, .serverError, true),
        (401, .unauthorized, true),
        (400, .rejected, false),
    ])
    func statusesAreClassified(status: Int, code: SentryAPIError.Code, transient: Bool) async {
        let transport = RecordingTransport { request in
            // The organisation exists: a 404 is the issue's.
            if request.url.absoluteString.hasSuffix("/issues/?limit=1") {
                return APIResponse(status: 200, body: Data("[]".utf8))
            }
            return APIResponse(status: status, headers: ["Retry-After": "7"], body: Data(#"{"detail":"nope"}"#.utf8))
        }
        do {
            _ = try await client(transport).issue(id: "1")
            Issue.record("HTTP \(status) must throw")
        } catch {
            #expect(error.code == code)
            #expect(error.isTransient == transient)
            #expect(error.detail == "nope")
            if status == 429 { #expect(error.retryAfter == 7) }
        }
    }

    /// Sentry's API 429s carry `X-Sentry-Rate-Limit-Reset` (epoch seconds), not `Retry-After`.
    @Test(
        arguments: [
            (["X-Sentry-Rate-Limit-Reset": "1795900030"], 30.0),
            (["X-Sentry-Rate-Limit-Reset": "1795900000.2"], 1),
            (["X-Sentry-Rate-Limit-Reset": "1795899990"], 1),
            (["X-Sentry-Rate-Limit-Reset": "1795900012", "Retry-After": "7"], 12),
            (["Retry-After": "7"], 7),
        ] as [([String: String], Double)]
    )
    func aRateLimitWaitsUntilSentrysReset(headers: [String: String], wait: Double) async {
        let transport = RecordingTransport { _ in APIResponse(status: 429, headers: headers, body: Data()) }
        let client = DefaultSentryClient(
            baseURL: base,
            organization: "example-corp",
            token: "t",
            transport: transport,
            now: { Date(timeIntervalSince1970: 1_795_900_000) }
        )
        do {
            _ = try await client.externalIssues(issueID: "1")
            Issue.record("a 429 must throw")
        } catch {
            #expect(error.code == .rateLimited)
            #expect(error.retryAfter == wait)
        }
    }

    @Test func aMissingIssueIsGoneButAMissingOrganizationIsAConfigurationError() async throws {
        for orgExists in [true, false] {
            let transport = RecordingTransport { request in
                let listing = request.url.absoluteString.hasSuffix("/organizations/example-corp/issues/?limit=1")
                if listing && orgExists { return APIResponse(status: 200, body: Data("[]".utf8)) }
                return APIResponse(
                    status: 404,
                    body: Data(#"{"detail":"The requested resource does not exist"}"#.utf8)
                )
            }
            do {
                _ = try await client(transport).issue(id: "4200000001")
                Issue.record("a 404 must throw")
            } catch {
                #expect(error.code == (orgExists ? .gone : .organizationNotFound))
                #expect(error.isTransient == !orgExists, "a wrong SENTRY_ORG retries instead of passing as deleted")
            }
            let urls = transport.sent.map(\.url.absoluteString)
            #expect(
                urls == [
                    "https://sentry.example.test/api/0/organizations/example-corp/issues/4200000001/",
                    "https://sentry.example.test/api/0/organizations/example-corp/issues/?limit=1",
                ]
            )
        }
    }

    @Test func noResponseIsATransientTransportError() async {
        let transport = RecordingTransport { _ in throw APITransportError(.timedOut, "slow") }
        await #expect(throws: SentryAPIError(.transport, detail: "transport error (timedOut): slow")) {
            try await client(transport).externalIssues(issueID: "1")
        }
    }

    @Test func aGarbledSuccessBodyIsABadResponse() async {
        let transport = RecordingTransport { _ in APIResponse(status: 200, body: Data("<html>".utf8)) }
        do {
            _ = try await client(transport).issue(id: "1")
            Issue.record("an unreadable body must throw")
        } catch {
            #expect(error.code == .badResponse)
        }
    }

    @Test func theURLSessionTransportTalksToARealServer() async throws {
        let router = Router()
        router.get("/api/0/organizations/:org/issues/:id/") { request, context -> Response in
            let org = context.parameters.get("org") ?? ""
            let id = context.parameters.get("id") ?? ""
            let auth = request.headers[.authorization] ?? ""
            let json = #"{"id":"\#(id)","title":"\#(org) \#(auth)"}"#
            return Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: json))
            )
        }
        router.get("/api/0/organizations/:org/issues/:id/external-issues/") { _, _ -> Response in
            Response(
                status: .notFound,
                body: .init(byteBuffer: ByteBuffer(string: #"{"detail":"The requested resource does not exist"}"#))
            )
        }
        try await withTestServer(FrozenRouter(router)) { url in
            let client = DefaultSentryClient(
                baseURL: url,
                organization: "example-corp",
                token: "tok",
                transport: URLSessionAPITransport(),
                timeout: .seconds(5)
            )
            let issue = try await client.issue(id: "77")
            #expect(issue.id == "77")
            #expect(issue.title == "example-corp Bearer tok")
            await #expect(throws: SentryAPIError(.gone, status: 404, detail: "The requested resource does not exist")) {
                try await client.externalIssues(issueID: "77")
            }
        }
    }
}
