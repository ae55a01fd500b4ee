import AsanaAPI
import Foundation
import ServiceSupport
import TestSupport
import Testing

@Suite struct AsanaClientTests {
    func client(_ transport: RecordingTransport) -> DefaultAsanaClient {
        DefaultAsanaClient(
            baseURL: URL(string: "https://asana.example.test/api/1.0")!,
            token: "1/pat",
            transport: transport
        )
    }

    @Test func createTaskPostsTheDataEnvelope() async throws {
        let transport = RecordingTransport { _ in
            APIResponse(
                status: 201,
                body: Data(
                    #"{"data":{"gid":"1400000000000001","name":"Boom","permalink_url":"https://app.asana.com/0/1/1400000000000001"}}"#
                        .utf8
                )
            )
        }
        let task = NewTask(
            name: "Boom",
            notes: "n",
            projects: ["1200000000001001"],
            workspace: "1100000000000001",
            customFields: ["1100000000000101": .option("1100000000000102"), "1100000000000501": .number(1)]
        )
        let created = try await client(transport).createTask(task)
        #expect(created.gid == "1400000000000001")
        #expect(created.url == "https://app.asana.com/0/1/1400000000000001")
        let request = try #require(transport.sent.first)
        #expect(request.method == "POST")
        #expect(request.url.path == "/api/1.0/tasks")
        #expect(request.headers["Authorization"] == "Bearer 1/pat")
        let json = try #require(try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
        let data = try #require(json["data"] as? [String: Any])
        #expect(data["name"] as? String == "Boom")
        #expect(data["projects"] as? [String] == ["1200000000001001"])
        let fields = try #require(data["custom_fields"] as? [String: Any])
        #expect(fields["1100000000000101"] as? String == "1100000000000102")
        #expect(fields["1100000000000501"] as? Double == 1)
    }

    @Test func addCommentPostsAStory() async throws {
        let transport = RecordingTransport { _ in
            APIResponse(status: 201, body: Data(#"{"data":{"gid":"1700000000000001"}}"#.utf8))
        }
        try await client(transport).addComment(
            taskGID: "1400000000000001",
            text: "Linked by the Sentry-Asana automation"
        )
        let request = try #require(transport.sent.first)
        #expect(request.method == "POST")
        #expect(request.url.path == "/api/1.0/tasks/1400000000000001/stories")
        let json = try #require(try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
        #expect((json["data"] as? [String: Any])?["text"] as? String == "Linked by the Sentry-Asana automation")
    }

    @Test func anAddCommentErrorIsTyped() async throws {
        let transport = RecordingTransport { _ in
            APIResponse(status: 404, body: Data(#"{"errors":[{"message":"task: Unknown object: 1"}]}"#.utf8))
        }
        await #expect(throws: AsanaError.self) { try await client(transport).addComment(taskGID: "1", text: "x") }
    }

    @Test func portfolioItemsFollowEveryPage() async throws {
        let transport = RecordingTransport { request in
            let body =
                request.query("offset") == nil
                ? #"{"data":[{"gid":"1","name":"A","resource_type":"project","created_at":"2026-10-01T00:00:00.000Z","archived":false}],"next_page":{"offset":"tok2","path":"/x","uri":"https://x"}}"#
                : #"{"data":[{"gid":"2","name":"B","resource_type":"project","created_at":"2026-11-01T00:00:00.000Z","archived":false}],"next_page":null}"#
            return APIResponse(status: 200, body: Data(body.utf8))
        }
        let items = try await client(transport).portfolioItems(portfolio: "1200000000002002")
        #expect(items.map(\.gid) == ["1", "2"])
        #expect(transport.sent.count == 2)
        #expect(transport.sent[0].url.path == "/api/1.0/portfolios/1200000000002002/items")
        #expect(transport.sent[0].query("opt_fields") == "name,resource_type,created_at,archived")
        #expect(transport.sent[0].query("limit") == "100")
        #expect(transport.sent[1].query("offset") == "tok2")
    }

    @Test func paginationIsBounded() async throws {
        let transport = RecordingTransport { _ in
            APIResponse(status: 200, body: Data(#"{"data":[{"gid":"1"}],"next_page":{"offset":"again"}}"#.utf8))
        }
        var bounded = client(transport)
        bounded.maxPages = 3
        let items = try await bounded.portfolioItems(portfolio: "9")
        #expect(items.count == 3)
        #expect(transport.sent.count == 3, "a server that always has a next page cannot loop us forever")
    }

    @Test func recentTasksAskForTheProjectSinceADate() async throws {
        let transport = RecordingTransport { _ in
            APIResponse(status: 200, body: Data(#"{"data":[{"gid":"5","notes":"x"}]}"#.utf8))
        }
        let since = Date(timeIntervalSince1970: 1_795_000_000)
        let tasks = try await client(transport).recentTasks(project: "1200000000001001", since: since)
        #expect(tasks == [AsanaTask(gid: "5", notes: "x")])
        let request = try #require(transport.sent.first)
        #expect(request.url.path == "/api/1.0/tasks")
        #expect(request.query("project") == "1200000000001001")
        #expect(request.query("modified_since") == "2026-11-18T11:06:40Z")
        #expect(request.query("opt_fields")?.contains("notes") == true)
    }

    @Test func aRateLimitCarriesRetryAfter() async {
        let transport = RecordingTransport { _ in
            APIResponse(
                status: 429,
                headers: ["Retry-After": "12"],
                body: Data(#"{"errors":[{"message":"Rate limit exceeded"}]}"#.utf8)
            )
        }
        do {
            _ = try await client(transport).task(gid: "1")
            Issue.record("429 must throw")
        } catch {
            #expect(error.code == .rateLimited)
            #expect(error.retryAfter == 12)
            #expect(error.isTransient)
        }
    }

    @Test func aCustomFieldBadRequestIsRecognised() async {
        let transport = RecordingTransport { _ in
            APIResponse(
                status: 400,
                body: Data(
                    #"{"errors":[{"message":"custom_fields: Custom field with ID 1100000000000201 is not on given object","help":"…"}]}"#
                        .utf8
                )
            )
        }
        do {
            _ = try await client(transport).createTask(NewTask(name: "x", notes: "", projects: ["1"]))
            Issue.record("400 must throw")
        } catch {
            #expect(error.code == .badRequest)
            #expect(error.isCustomFieldProblem)
            #expect(!error.isTransient)
        }
    }

    @Test func anotherBadRequestIsNotACustomFieldProblem() {
        #expect(!AsanaError(.badRequest, status: 400, messages: ["projects: Not a valid project"]).isCustomFieldProblem)
        #expect(!AsanaError(.serverError, status: 500, messages: ["custom_field"]).isCustomFieldProblem)
    }

    @Test(arguments: [
        (401, AsanaError.Code.unauthorized), (403, .forbidden), (404, .notFound), (500, .serverError),
        (503, .serverError),
    ])
    func statusesAreClassified(status: Int, code: AsanaError.Code) async {
        let transport = RecordingTransport { _ in APIResponse(status: status) }
        await #expect(throws: AsanaError(code, status: status)) { try await client(transport).task(gid: "1") }
    }

    @Test func noResponseIsTransient() async {
        let transport = RecordingTransport { _ in throw APITransportError(.connectionFailed, "refused") }
        do {
            _ = try await client(transport).task(gid: "1")
            Issue.record("must throw")
        } catch {
            #expect(error.code == .transport)
            #expect(error.isTransient)
        }
    }
}

@Suite struct PortfolioItemTests {
    @Test func theNewestLiveProjectSkipsArchivedAndNonProjects() {
        let items = [
            PortfolioItem(gid: "12000000000N0011", name: "Sprint 41", createdAt: "2026-10-01T00:00:00.000Z"),
            PortfolioItem(gid: "12000000000N0012", name: "Sprint 42", createdAt: "2026-11-01T00:00:00.000Z"),
            PortfolioItem(gid: "12000000000N0019", name: "Old", createdAt: "2026-11-20T00:00:00.000Z", archived: true),
            PortfolioItem(
                gid: "7",
                name: "A sub-portfolio",
                resourceType: "portfolio",
                createdAt: "2026-12-01T00:00:00Z"
            ),
        ]
        #expect(items.newestLiveProject?.name == "Sprint 42")
    }

    @Test func anEmptyOrAllArchivedPortfolioHasNone() {
        #expect([PortfolioItem]().newestLiveProject == nil)
        #expect([PortfolioItem(gid: "1", archived: true)].newestLiveProject == nil)
    }

    @Test func datesWithAndWithoutFractionsCompare() {
        let items = [
            PortfolioItem(gid: "1", createdAt: "2026-11-01T00:00:00Z"),
            PortfolioItem(gid: "2", createdAt: "2026-11-02T00:00:00.000Z"),
        ]
        #expect(items.newestLiveProject?.gid == "2")
    }
}
