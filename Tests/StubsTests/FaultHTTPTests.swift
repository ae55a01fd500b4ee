import Foundation
import Testing

@testable import Stubs

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Every fault kind over real sockets, and what the journal records about it.
@Suite struct FaultHTTPTests {
    let token = "asana-token"

    func addFault(_ base: URL, _ body: String) async throws {
        let answer = try await HTTP.call("POST", base.appendingPathComponent("__admin/faults"), body: body)
        #expect(answer.status == 201, "\(answer.text)")
    }

    @Test func statusFaultFailsNTimesThenTheRealAnswer() async throws {
        let server = StubServer(service: try Fixtures.asana())
        try await server.withRunning { base in
            try await addFault(
                base,
                #"{"method":"GET","path":"/api/1.0/users/me","kind":"status","status":503,"times":2}"#
            )
            let me = base.appendingPathComponent("api/1.0/users/me")
            let statuses = try await (0..<3).asyncMap { _ in try await HTTP.call("GET", me, token: token).status }
            #expect(statuses == [503, 503, 200])
            let entries = server.journal.entries()
            #expect(entries.map(\.fault) == ["status", "status", nil])
            #expect(entries.map(\.status) == [503, 503, 200])
            let first = try await HTTP.call("GET", base.appendingPathComponent("__admin/faults"))
            #expect(first.json?["faults"]?.array?.first?["applied"] == 2)
        }
    }

    @Test func customBodyAndDefaultErrorShape() async throws {
        let server = StubServer(service: try Fixtures.asana())
        try await server.withRunning { base in
            try await addFault(base, #"{"path":"/api/1.0/projects/*","kind":"status","status":500}"#)
            let answer = try await HTTP.call(
                "GET",
                base.appendingPathComponent("api/1.0/projects/1300000000000001"),
                token: token
            )
            #expect(answer.status == 500)
            #expect(answer.json?["errors"]?.array?.first?["phrase"]?.string != nil, "Asana's 500 carries a phrase")
            try await addFault(
                base,
                #"{"path":"/api/1.0/workspaces","kind":"status","status":502,"body":"<html>Bad Gateway</html>"}"#
            )
            let gateway = try await HTTP.call("GET", base.appendingPathComponent("api/1.0/workspaces"), token: token)
            #expect(gateway.status == 502)
            #expect(gateway.text == "<html>Bad Gateway</html>")
        }
    }

    @Test func rateLimitSendsRetryAfter() async throws {
        let server = StubServer(service: try Fixtures.sentry())
        try await server.withRunning { base in
            try await addFault(base, #"{"path":"/api/0/**","kind":"rate_limit","retry_after":7,"times":1}"#)
            let url = base.appendingPathComponent("api/0/organizations/example-corp/issues/4500000001/")
            let limited = try await HTTP.call("GET", url, token: "sentry-token")
            #expect(limited.status == 429)
            #expect(limited.headers["retry-after"] == "7")
            #expect(limited.json?["detail"]?.string?.contains("too frequently") == true)
            let fine = try await HTTP.call("GET", url, token: "sentry-token")
            #expect(fine.status == 200)
        }
    }

    @Test func latencyDelaysThenAnswers() async throws {
        let server = StubServer(service: try Fixtures.asana())
        try await server.withRunning { base in
            try await addFault(base, #"{"path":"/api/1.0/workspaces","kind":"latency","latency_ms":300}"#)
            let answer = try await HTTP.call("GET", base.appendingPathComponent("api/1.0/workspaces"), token: token)
            #expect(answer.status == 200)
            let entry = try #require(server.journal.entries().last)
            #expect(entry.fault == "latency")
            // The journal's own measurement includes the injected delay (a fact, not a timing benchmark).
            #expect(entry.latencyMilliseconds >= 300)
        }
    }

    @Test func resetClosesTheConnectionWithoutAnswer() async throws {
        let server = StubServer(service: try Fixtures.asana())
        try await server.withRunning { base in
            try await addFault(base, #"{"path":"/api/1.0/workspaces","kind":"reset","times":1}"#)
            let url = base.appendingPathComponent("api/1.0/workspaces")
            // A fresh connection, so the client cannot quietly retry on another one.
            await #expect(throws: (any Error).self) {
                _ = try await HTTP.call("GET", url, token: token, freshConnection: true)
            }
            let after = try await HTTP.call("GET", url, token: token)
            #expect(after.status == 200, "only one request is reset")
            #expect(server.journal.entries().first?.fault == "reset")
            #expect(server.journal.entries().first?.status == 0)
        }
    }

    @Test func truncateCutsTheBody() async throws {
        let server = StubServer(service: try Fixtures.asana())
        try await server.withRunning { base in
            try await addFault(base, #"{"path":"/api/1.0/workspaces","kind":"truncate","truncate_to":10,"times":1}"#)
            let url = base.appendingPathComponent("api/1.0/workspaces")
            // Content-Length promises more than arrives and the connection closes: the client sees an error,
            // never a short body passed off as complete.
            await #expect(throws: (any Error).self) { _ = try await HTTP.call("GET", url, token: token) }
            #expect(server.journal.entries().first?.fault == "truncate")
            let after = try await HTTP.call("GET", url, token: token)
            #expect(after.json?["data"]?.array?.count == 1)
        }
    }

    @Test func adminApiListsCountsAndResetsTheJournal() async throws {
        let server = StubServer(service: try Fixtures.asana())
        try await server.withRunning { base in
            _ = try await HTTP.call("GET", base.appendingPathComponent("api/1.0/users/me"), token: token)
            _ = try await HTTP.call("GET", base.appendingPathComponent("api/1.0/users/me"))
            _ = try await HTTP.call(
                "POST",
                base.appendingPathComponent("api/1.0/tasks"),
                token: token,
                body: #"{"data":{"name":"journal me","workspace":"1100000000000001"}}"#
            )
            var components = URLComponents(
                url: base.appendingPathComponent("__admin/requests"),
                resolvingAgainstBaseURL: false
            )!
            components.queryItems = [.init(name: "method", value: "POST")]
            let posts = try await HTTP.call("GET", components.url!)
            let entry = try #require(posts.json?["requests"]?.array?.first)
            #expect(posts.json?["count"] == 1)
            #expect(entry["path"] == "/api/1.0/tasks")
            #expect(entry["status"] == 201)
            #expect(entry["headers"]?["authorization"] == "Bearer <redacted>")
            #expect(entry["body_json"]?["data"]?["name"] == "journal me")
            #expect(entry["response_json"]?["data"]?["gid"]?.string != nil)
            #expect(!posts.text.contains(token), "the token never appears in the journal")
            components.queryItems = [.init(name: "status", value: "401")]
            components.path += "/count"
            let unauthorized = try await HTTP.call("GET", components.url!)
            #expect(unauthorized.json == ["count": 1])
            let cleared = try await HTTP.call("DELETE", base.appendingPathComponent("__admin/requests"))
            #expect(cleared.json == ["cleared": 3])
            let bad = try await HTTP.call(
                "POST",
                base.appendingPathComponent("__admin/faults"),
                body: #"{"path":"/x"}"#
            )
            #expect(bad.status == 400)
            #expect(bad.json?["error"]?.string?.contains("kind") == true)
        }
    }

    @Test func paginationLinksPointAtTheRunningStub() async throws {
        let asana = StubServer(service: try Fixtures.asana())
        try await asana.withRunning { base in
            let page = try await HTTP.call(
                "GET",
                URL(string: base.absoluteString + "/api/1.0/portfolios/1200000000001002/items?limit=1")!,
                token: token
            )
            let next = try #require(page.json?["next_page"]?["uri"]?.string)
            #expect(next.hasPrefix(base.absoluteString + "/api/1.0/portfolios/1200000000001002/items?"))
            let second = try await HTTP.call("GET", try #require(URL(string: next)), token: token)
            #expect(second.json?["data"]?.array?.first?["gid"] == "1200000000010012")
        }
        let sentry = StubServer(service: try Fixtures.sentry())
        try await sentry.withRunning { base in
            let page = try await HTTP.call(
                "GET",
                URL(string: base.absoluteString + "/api/0/organizations/example-corp/issues/?per_page=5")!,
                token: "sentry-token"
            )
            let link = try #require(page.headers["link"])
            let next = try #require(link.components(separatedBy: ", ").last?.split(separator: ">").first?.dropFirst())
            #expect(next.hasPrefix(base.absoluteString + "/api/0/organizations/example-corp/issues/"))
            let second = try await HTTP.call("GET", try #require(URL(string: String(next))), token: "sentry-token")
            #expect(second.json?.array?.count == 3)
        }
    }

    @Test func malformedRequestsAreAnsweredAndJournaled() async throws {
        let server = StubServer(service: try Fixtures.asana())
        try await server.withRunning { base in
            let answer = try await HTTP.call(
                "POST",
                base.appendingPathComponent("api/1.0/tasks"),
                token: token,
                body: "{\"data\": [1,2"
            )
            #expect(answer.status == 400)
            #expect(answer.json?["errors"] != nil)
            #expect(server.journal.entries().last?.body == Array("{\"data\": [1,2".utf8))
        }
    }
}

@Suite struct StubStackTests {
    @Test func runsBothStubsAndReportsTheirURLs() async throws {
        let scenario = try StubScenario.load(
            path: try {
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID()).yaml")
                try "asana:\n  - {path: /api/1.0/workspaces, kind: status, status: 503, times: 1}\n".write(
                    to: file,
                    atomically: true,
                    encoding: .utf8
                )
                return file.path
            }()
        )
        let stack = try StubStack(seed: Fixtures.root, asanaToken: "a", sentryToken: "s", scenario: scenario)
        let (urls, continuation) = AsyncStream<(URL, URL)>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await stack.run(asanaPort: 0, sentryPort: 0) { asana, sentry in continuation.yield((asana, sentry))
                }
            }
            defer { group.cancelAll() }
            var iterator = urls.makeAsyncIterator()
            let (asana, sentry) = try #require(await iterator.next())
            let faulted = try await HTTP.call("GET", asana.appendingPathComponent("api/1.0/workspaces"), token: "a")
            #expect(faulted.status == 503, "the scenario's fault is set")
            let workspaces = try await HTTP.call("GET", asana.appendingPathComponent("api/1.0/workspaces"), token: "a")
            #expect(workspaces.json?["data"]?.array?.first?["gid"] == "1100000000000001")
            let issue = try await HTTP.call(
                "GET",
                sentry.appendingPathComponent("api/0/organizations/example-corp/issues/4500000005/"),
                token: "s"
            )
            #expect(issue.json?["title"] == "TimeoutError: query exceeded 30s")
        }
    }

    @Test func badSeedOrScenarioIsAClearError() throws {
        #expect(throws: SeedError.self) { try StubStack(seed: URL(fileURLWithPath: "/nonexistent")) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID()).yaml")
        try "asana:\n  - {path: /x, kind: explode}\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: SeedError.self) { try StubScenario.load(path: file.path) }
    }
}
