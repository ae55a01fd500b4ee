import Foundation
import Testing

@testable import Stubs

@Suite struct JournalTests {
    func entry(_ method: String, _ path: String, status: Int = 200, body: String = "") -> JournalEntry {
        JournalEntry(
            id: 0,
            time: Date(),
            method: method,
            path: path,
            query: "",
            headers: [],
            body: Array(body.utf8),
            status: status,
            responseHeaders: [],
            responseBody: [],
            latencyMilliseconds: 1,
            fault: nil
        )
    }

    @Test func recordsInOrderAndFilters() {
        let journal = Journal()
        journal.record(entry("POST", "/api/1.0/tasks", status: 201, body: #"{"data":{"name":"a"}}"#))
        journal.record(entry("GET", "/api/1.0/tasks/123"))
        journal.record(entry("GET", "/api/1.0/projects/9", status: 404))
        #expect(journal.entries().map(\.id) == [1, 2, 3])
        #expect(journal.count(matching: JournalFilter(method: "GET")) == 2)
        #expect(journal.count(matching: JournalFilter(path: "/api/1.0/tasks/*")) == 1)
        #expect(journal.count(matching: JournalFilter(path: "/api/1.0/**")) == 3)
        #expect(journal.count(matching: JournalFilter(status: 404)) == 1)
        #expect(journal.count(matching: JournalFilter(since: 2)) == 1)
        #expect(journal.count(matching: JournalFilter(bodyContains: "\"name\"")) == 1)
        #expect(journal.entries(matching: JournalFilter(limit: 2)).map(\.id) == [2, 3])
        #expect(journal.reset() == 3)
        #expect(journal.entries().isEmpty)
        journal.record(entry("GET", "/x"))
        #expect(journal.entries().first?.id == 4, "ids keep increasing after a reset")
    }

    @Test func keepsOnlyTheNewestWhenFull() {
        let journal = Journal(capacity: 3)
        for index in 0..<5 { journal.record(entry("GET", "/\(index)")) }
        #expect(journal.entries().map(\.path) == ["/2", "/3", "/4"])
        #expect(journal.dropped == 2)
    }

    @Test func keepsEveryEntryButOnlyTheFirstBytesOfALargeBodyAndSaysSo() throws {
        // Before, 160 unauthenticated 9 MB posts grew a stub to 1.6 GB: each body was kept whole.
        let journal = Journal(capacity: 100, bodyCap: 1_024)
        for _ in 0..<50 {
            journal.record(entry("POST", "/api/1.0/tasks", status: 401, body: String(repeating: "x", count: 9_000)))
        }
        let entries = journal.entries()
        #expect(entries.count == 50, "every request is still in the journal")
        #expect(entries.allSatisfy { $0.body.count == 1_024 && $0.bodyTruncatedFrom == 9_000 })
        guard case .object(let json) = try #require(entries.first).json else { throw JournalCapError() }
        #expect(json["body_truncated"] == .bool(true) && json["body_bytes"] == .number(9_000))
        let small = journal.record(entry("GET", "/api/1.0/users/me", body: "ok"))
        let whole = try #require(journal.entries().first { $0.id == small })
        #expect(whole.body == Array("ok".utf8) && whole.bodyTruncatedFrom == nil)
    }

    struct JournalCapError: Error {}

    @Test func redactsSecretsButKeepsTheScheme() {
        let headers = JournalEntry.redact([
            ("Authorization", "Bearer secret-token"), ("Cookie", "session=abc"), ("Content-Type", "application/json"),
        ])
        #expect(headers[0].value == "Bearer <redacted>")
        #expect(headers[1].value == "<redacted>")
        #expect(headers[2].value == "application/json")
    }

    @Test func jsonShowsBodiesParsedAndBinaryAsBase64() {
        var json = entry("POST", "/a", body: #"{"data":{"x":1}}"#).json
        #expect(json["body_json"]?["data"]?["x"] == 1)
        var binary = entry("POST", "/b")
        binary.body = [0xff, 0xfe, 0x00]
        json = binary.json
        #expect(json["body"] == "//4A")
        #expect(json["body_encoding"] == "base64")
    }

    @Test func filterRejectsBadNumbers() {
        #expect(throws: SeedError.self) { try JournalFilter(query: ["status": "abc"]) }
        #expect(throws: SeedError.self) { try JournalFilter(query: ["limit": "-1"]) }
    }
}

@Suite struct PathPatternTests {
    @Test func matchesSegmentsWildcardsAndTrailingSlashes() {
        #expect(PathPattern("/api/1.0/tasks").matches("/api/1.0/tasks"))
        #expect(PathPattern("/api/1.0/tasks").matches("/api/1.0/tasks/"))
        #expect(!PathPattern("/api/1.0/tasks").matches("/api/1.0/tasks/1"))
        #expect(PathPattern("/api/1.0/tasks/*").matches("/api/1.0/tasks/1"))
        #expect(!PathPattern("/api/1.0/tasks/*").matches("/api/1.0/tasks"))
        #expect(PathPattern("/api/0/organizations/*/issues/*/").matches("/api/0/organizations/o/issues/4/"))
        #expect(PathPattern("/api/**").matches("/api"))
        #expect(PathPattern("/api/**").matches("/api/0/a/b/c"))
        #expect(!PathPattern("/api/**").matches("/other"))
    }
}

@Suite struct FaultStateTests {
    @Test func failsNTimesThenSucceeds() {
        var state = FaultState()
        _ = state.add(FaultSpec(method: "POST", path: "/api/1.0/tasks", kind: .status, status: 503, times: 2))
        let decisions = (0..<4).map { _ in state.decide(method: "POST", path: "/api/1.0/tasks")?.status }
        #expect(decisions == [503, 503, nil, nil])
        #expect(state.decide(method: "GET", path: "/api/1.0/tasks") == nil, "another method is not faulted")
        #expect(state.rules[0].matched == 4)
        #expect(state.rules[0].applied == 2)
        #expect(state.rules[0].json["exhausted"] == true)
    }

    @Test func afterLetsRequestsThroughFirst() {
        var state = FaultState()
        _ = state.add(FaultSpec(path: "/x", kind: .reset, after: 1, times: 1))
        let kinds = (0..<3).map { _ in state.decide(method: "GET", path: "/x")?.kind }
        #expect(kinds == [nil, .reset, nil])
    }

    @Test func firstActiveRuleWinsAndLaterRulesStillCount() {
        var state = FaultState()
        _ = state.add(FaultSpec(path: "/x", kind: .rateLimit, times: 1))
        _ = state.add(FaultSpec(path: "/**", kind: .status, status: 500))
        #expect(state.decide(method: "GET", path: "/x")?.kind == .rateLimit)
        #expect(state.decide(method: "GET", path: "/x")?.kind == .status)
        #expect(state.rules[1].matched == 2)
        #expect(state.rules[1].applied == 1)
        let removed = state.remove(id: 2)
        #expect(removed)
        #expect(state.decide(method: "GET", path: "/x") == nil)
    }

    @Test func specParsingNamesTheBadField() throws {
        let spec = try FaultSpec(
            json: ["path": "/api/1.0/tasks", "kind": "rate_limit", "retry_after": 7, "times": 1, "method": "post"])
        #expect(spec.status == 429)
        #expect(spec.retryAfterSeconds == 7)
        #expect(spec.method == "POST")
        for (bad, words) in [
            (["kind": "status"] as JSON, "path"), (["path": "/x"], "kind"), (["path": "/x", "kind": "nope"], "kind"),
            (["path": "/x", "kind": "status", "status": 99], "status"),
            (["path": "/x", "kind": "status", "times": .number(1e300)], "times"),
            (["path": "/x", "kind": "reset", "colour": 1], "colour"),
        ] {
            #expect(throws: SeedError.self) { try FaultSpec(json: bad) }
            do throws(SeedError) {
                _ = try FaultSpec(json: bad)
            } catch {
                #expect(error.message.contains(words), "\(error.message) names \(words)")
            }
        }
    }

    @Test func scenarioIsAllOrNothing() {
        let body = Array(
            """
            faults:
              - {path: /a, kind: status, status: 502}
              - {path: /b, kind: bogus}
            """.utf8
        )
        #expect(throws: SeedError.self) { try StubAdminAPI.faultSpecs(body) }
        let good = Array("[{\"path\":\"/a\",\"kind\":\"latency\",\"latency_ms\":5}]".utf8)
        #expect((try? StubAdminAPI.faultSpecs(good))?.first?.latencyMilliseconds == 5)
    }
}
