import Foundation
import Routing
import Testing

/// The shipped example table, read from the package's `config/routing.yaml`.
enum ShippedTable {
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appending(path: "config/routing.yaml").path
    }
    static func load() throws -> RoutingTable { try RoutingTable.load(path: path) }
}

@Suite struct RoutingTableTests {
    @Test func theShippedTableLoadsWithTheSharedIDs() throws {
        let table = try ShippedTable.load()
        #expect(table.teams.map(\.key) == ["core_infra", "ingestion", "detections", "investigations", "frontend"])
        #expect(table.defaultTeam == "core_infra")
        #expect(table.asana.workspace == "1100000000000001")
        #expect(table.asana.fields.priorityMedium == "1100000000000103")
        #expect(table.asana.fields.reporterSentry == "1100000000000302")
        #expect(table.asana.fields.estimateValue == 1)
        #expect(table.asana.fallbackProject == "1300000000000003")
        let frontend = try #require(table.team("frontend"))
        #expect(frontend.teamOption == "1100000000000215")
        #expect(frontend.sandboxPortfolio == "1200000000005003")
    }

    static let minimal = """
        asana:
          workspace: "1"
          custom_fields:
            priority: {field: "2", high: "3", medium: "4", low: "5"}
            team: "6"
            reporter: {field: "7", option: "8"}
            task_type: {field: "9", option: "10"}
            estimate: {field: "11"}
          dev_board_project: "12"
          release_testing_portfolio: "13"
          fallback_project: "14"
        default_team: a
        teams:
          - {key: a, name: A, team_option: "21", backlog_project: "22", sprint_portfolio: "23", sandbox_portfolio: "24"}
        """

    @Test func aMinimalTableNeedsNoRules() throws {
        let table = try RoutingTable.parse(yaml: Self.minimal)
        #expect(table.rules.isEmpty)
        #expect(table.tagOrder == ["server_name", "url"])
        #expect(table.asana.fields.estimateValue == nil)
    }

    @Test(arguments: [
        ("default_team: a", "default_team: nobody", RoutingError.Code.invalidTeam),
        ("workspace: \"1\"", "workspace: \"one\"", .invalidGID),
        ("fallback_project: \"14\"", "fallback_project: \"\"", .invalidGID),
        ("default_team: a", "default_team: a\nrules:\n  - {tag: url, regex: \"([\", team: a}", .invalidRule),
        ("default_team: a", "default_team: a\nrules:\n  - {tag: url, contains: x, team: b}", .invalidRule),
        ("default_team: a", "default_team: a\nrules:\n  - {tag: url, contains: x, exact: y, team: a}", .invalidRule),
        ("default_team: a", "default_team: a\nrules:\n  - {tag: url, team: a}", .invalidRule),
        ("  dev_board_project: \"12\"\n", "", .malformed),
    ])
    func brokenTablesAreRefusedWithAReason(original: String, replacement: String, code: RoutingError.Code) {
        let yaml = Self.minimal.replacingOccurrences(of: original, with: replacement)
        #expect(yaml != Self.minimal, "the test must change the table")
        do {
            _ = try RoutingTable.parse(yaml: yaml)
            Issue.record("the table must be refused")
        } catch {
            #expect(error.code == code, "\(error)")
        }
    }

    @Test func aMissingFileIsAClearError() {
        #expect(throws: RoutingError.self) { try RoutingTable.load(path: "/nonexistent/routing.yaml") }
    }
}
