import Foundation
import Testing

@testable import Stubs

@Suite struct AsanaStubTests {
    let token = "asana-token"

    func server() throws -> StubServer { StubServer(service: try Fixtures.asana()) }

    @Test func fixturesMatchTheSharedIds() throws {
        let state = try Fixtures.asana().snapshot
        #expect(state.workspaces["1100000000000001"]?.name == "Example Corp")
        #expect(state.users[state.me]?.gid == "1100000000000009")
        #expect(
            state.customFields["1100000000000201"]?.enumOptions.map(\.gid) == (211...215).map { "1100000000000\($0)" }
        )
        for n in 1...5 {
            #expect(state.projects["120000000000\(n)001"] != nil)
            #expect(
                state.portfolios["120000000000\(n)002"]?.items == [
                    "12000000000\(n)0011", "12000000000\(n)0012", "12000000000\(n)0019",
                ]
            )
            #expect(state.projects["12000000000\(n)0019"]?.archived == true)
            #expect(state.portfolios["120000000000\(n)003"]?.items == (n == 5 ? [] : ["12000000000\(n)0021"]))
        }
        #expect(state.portfolios["1300000000000002"]?.items == ["1300000000000011"])
        #expect(state.projects["1300000000000003"]?.name == "Sentry Triage Backlog")
        #expect(state.projects["1300000000000001"]?.customFieldSettings.map(\.field).count == 5)
    }

    @Test func authIsRequiredWithAsanasShape() async throws {
        let server = try server()
        for token in [nil, "wrong"] {
            let answer = await server.call("GET", "/api/1.0/users/me", token: token)
            #expect(answer.status == 401)
            #expect(answer.json["errors"]?.array?.first?["message"] == "Not Authorized")
            #expect(answer.json["errors"]?.array?.first?["help"]?.string?.contains("developers.asana.com") == true)
        }
        let me = await server.call("GET", "/api/1.0/users/me", token: token)
        #expect(me.json["data"]?["gid"] == "1100000000000009")
        #expect(me.json["data"]?["email"] == "sentry-bot@example.com")
    }

    @Test func createReadUpdateTaskWithCustomFields() async throws {
        let server = try server()
        let create = await server.call(
            "POST",
            "/api/1.0/tasks",
            token: token,
            body: """
                {"data":{"name":"KeyError in provisioning","projects":["1200000000010012"],
                "html_notes":"<body><strong>Sentry</strong> issue &amp; link</body>",
                "custom_fields":{"1100000000000101":"1100000000000102","1100000000000201":"1100000000000211",
                "1100000000000501":3}}}
                """
        )
        #expect(create.status == 201)
        let task = try #require(create.json["data"])
        let gid = try #require(task["gid"]?.string)
        let numeric = gid.allSatisfy { $0.isNumber }
        #expect(numeric)
        #expect(task["permalink_url"] == .string("https://app.asana.com/0/1200000000010012/\(gid)"))
        #expect(task["notes"] == "Sentry issue & link")
        let priority = task["custom_fields"]?.array?.first { $0["gid"] == "1100000000000101" }
        #expect(priority?["enum_value"]?["name"] == "HIGH")
        #expect(priority?["display_value"] == "HIGH")

        let read = await server.call(
            "GET",
            "/api/1.0/tasks/\(gid)?opt_fields=name,projects.name,custom_fields.enum_value.name",
            token: token
        )
        #expect(read.status == 200)
        #expect(read.json["data"]?["name"] == "KeyError in provisioning")
        #expect(
            read.json["data"]?["projects"] == [["gid": "1200000000010012", "name": "Core Infrastructure Sprint 42"]]
        )
        #expect(read.json["data"]?["notes"] == nil, "opt_fields leaves out what was not asked for")

        let update = await server.call(
            "PUT",
            "/api/1.0/tasks/\(gid)",
            token: token,
            body: #"{"data":{"completed":true,"custom_fields":{"1100000000000101":"1100000000000104"}}}"#
        )
        #expect(update.status == 200)
        #expect(update.json["data"]?["completed"] == true)
        let list = await server.call("GET", "/api/1.0/projects/1200000000010012/tasks", token: token)
        #expect(list.json["data"]?.array?.map { $0["gid"] } == [.string(gid)])
    }

    @Test func validationErrorsAreAsanaShaped() async throws {
        let server = try server()
        let cases: [(String, Int, String)] = [
            (#"{"name":"no envelope"}"#, 400, "\"data\""),
            ("not json", 400, "invalid JSON"),
            (#"{"data":{"name":"x"}}"#, 400, "workspace, parent, projects"),
            (#"{"data":{"name":"x","projects":["999"]}}"#, 400, "Unknown object: 999"),
            (
                #"{"data":{"projects":["1200000000010012"],"custom_fields":{"1100000000000601":"1100000000000602"}}}"#,
                400,
                "Custom field with ID 1100000000000601 is not on given object"
            ),
            (
                #"{"data":{"projects":["1200000000010012"],"custom_fields":{"1100000000000101":"1100000000000105"}}}"#,
                400,
                "disabled"
            ),
            (
                #"{"data":{"projects":["1200000000010012"],"custom_fields":{"1100000000000101":"42"}}}"#, 400,
                "Unknown object: 42"
            ),
            (#"{"data":{"projects":["1200000000010012"],"html_notes":"<body><b>x</body>"}}"#, 400, "html_notes"),
            (#"{"data":{"projects":["1200000000010012"],"html_notes":"plain text"}}"#, 400, "html_notes"),
            (#"{"data":{"projects":["1200000000010012"],"colour":"red"}}"#, 400, "colour"),
        ]
        for (body, status, words) in cases {
            let answer = await server.call("POST", "/api/1.0/tasks", token: token, body: body)
            #expect(answer.status == status, "\(body)")
            let message = answer.json["errors"]?.array?.first?["message"]?.string ?? ""
            #expect(message.contains(words), "\(body) → \(message)")
        }
        #expect(try Fixtures.asana().snapshot.tasks.isEmpty, "a refused task is not stored")
        let missing = await server.call("GET", "/api/1.0/projects/42", token: token)
        #expect(missing.status == 404)
        #expect(missing.json["errors"]?.array?.first?["message"] == "project: Unknown object: 42")
        let bad = await server.call("GET", "/api/1.0/tasks/abc", token: token)
        #expect(bad.status == 400)
        let route = await server.call("GET", "/api/1.0/nothing", token: token)
        #expect(route.status == 404)
    }

    @Test func portfolioItemsPaginateWithOpaqueOffsets() async throws {
        let server = try server()
        var gids: [String] = []
        var uri = "/api/1.0/portfolios/1200000000001002/items?limit=1&opt_fields=name,created_at,archived"
        for _ in 0..<10 {
            let page = await server.call("GET", uri, token: token)
            #expect(page.status == 200)
            let data = try #require(page.json["data"]?.array)
            #expect(data.count == 1)
            #expect(data[0]["created_at"] != nil)
            gids.append(data[0]["gid"]?.string ?? "")
            guard let next = page.json["next_page"], !next.isNull else { break }
            #expect(next["offset"]?.string?.contains(":") == false, "offsets are opaque")
            #expect(next["uri"]?.string?.hasPrefix("https://app.asana.com/api/1.0/portfolios/") == true)
            uri = "/api/1.0" + (next["path"]?.string ?? "")
        }
        #expect(gids == ["1200000000010011", "1200000000010012", "1200000000010019"])
        for bad in ["limit=0", "limit=101", "limit=x", "offset=garbage"] {
            let answer = await server.call("GET", "/api/1.0/portfolios/1200000000001002/items?\(bad)", token: token)
            #expect(answer.status == 400, "\(bad)")
        }
        let empty = await server.call("GET", "/api/1.0/portfolios/1200000000005003/items?limit=10", token: token)
        #expect(empty.json["data"] == [])
        #expect(empty.json["next_page"] == .null)
    }

    @Test func portfoliosNeedWorkspaceAndOwner() async throws {
        let server = try server()
        let missing = await server.call("GET", "/api/1.0/portfolios?workspace=1100000000000001", token: token)
        #expect(missing.status == 400)
        #expect(missing.json["errors"]?.array?.first?["message"] == "owner: Missing input")
        let all = await server.call(
            "GET",
            "/api/1.0/portfolios?workspace=1100000000000001&owner=me&limit=100",
            token: token
        )
        #expect(all.json["data"]?.array?.count == 11)
    }

    @Test func customFieldSettingsAndStories() async throws {
        let server = try server()
        let settings = await server.call(
            "GET",
            "/api/1.0/projects/1300000000000001/custom_field_settings",
            token: token
        )
        let fields = settings.json["data"]?.array?.compactMap { $0["custom_field"]?["gid"]?.string }
        #expect(
            fields == [
                "1100000000000101", "1100000000000201", "1100000000000301", "1100000000000401", "1100000000000501",
            ]
        )
        let task = await server.call(
            "POST",
            "/api/1.0/tasks",
            token: token,
            body: #"{"data":{"name":"t","workspace":"1100000000000001"}}"#
        )
        let gid = try #require(task.json["data"]?["gid"]?.string)
        let story = await server.call(
            "POST",
            "/api/1.0/tasks/\(gid)/stories",
            token: token,
            body: #"{"data":{"text":"seen again"}}"#
        )
        #expect(story.status == 201)
        #expect(story.json["data"]?["target"]?["gid"] == .string(gid))
        let empty = await server.call("POST", "/api/1.0/tasks/\(gid)/stories", token: token, body: #"{"data":{}}"#)
        #expect(empty.status == 400)
        let stories = await server.call("GET", "/api/1.0/tasks/\(gid)/stories", token: token)
        #expect(stories.json["data"]?.array?.map { $0["text"] } == ["seen again"])
        let noTask = await server.call(
            "POST",
            "/api/1.0/tasks/1/stories",
            token: token,
            body: #"{"data":{"text":"x"}}"#
        )
        #expect(noTask.status == 404)
    }

    @Test func adminSeedAddsRecordsAndResetForgetsThem() async throws {
        let server = try server()
        let seeded = await server.call(
            "POST",
            "/__admin/seed",
            token: nil,
            body: """
                projects:
                  - {gid: "1200000000010013", name: "Core Infrastructure Sprint 44", created_at: "2026-12-01T00:00:00.000Z",
                     custom_fields: ["1100000000000101"], portfolio: "1200000000001002"}
                """,
            contentType: "application/yaml"
        )
        #expect(seeded.status == 200)
        let items = await server.call("GET", "/api/1.0/portfolios/1200000000001002/items", token: token)
        #expect(items.json["data"]?.array?.count == 4)
        let bad = await server.call("POST", "/__admin/seed", token: nil, body: #"{"projects":[{"name":"no gid"}]}"#)
        #expect(bad.status == 400)
        #expect(bad.json["error"]?.string?.contains("gid") == true)
        _ = await server.call("POST", "/__admin/reset", token: nil)
        let after = await server.call("GET", "/api/1.0/portfolios/1200000000001002/items", token: token)
        #expect(after.json["data"]?.array?.count == 3)
    }

    @Test func htmlNotesRules() {
        #expect(HTMLNotes.problem("<body>ok <strong>bold</strong> &amp; <a href=\"https://x\">link</a></body>") == nil)
        #expect(HTMLNotes.problem("<body>a & b</body>") != nil)
        #expect(HTMLNotes.problem("<body><div>x</div></body>") != nil)
        #expect(HTMLNotes.problem("<p>x</p>") != nil)
        #expect(HTMLNotes.problem("<body>x</body>trailing") != nil)
        #expect(HTMLNotes.problem("<body><em>x</body></em>") != nil)
    }
}
