import Foundation
import Routing
import Testing

@Suite struct RoutingTableTests {
    /// The original's team table (reference §2.4), every gid.
    @Test func theShippedTableIsTheOriginalsTeamTable() throws {
        let table = try ShippedTable.load()
        let rows = table.teams.map {
            [$0.name, $0.teamOption, $0.backlogProject, $0.sprintPortfolio, $0.sandboxPortfolio]
        }
        #expect(
            rows == [
                ["Ingestion", "1199906290951709", "1200908948600021", "1201675315243992", "1201700591175697"],
                ["Detections", "1199906290951721", "1200908948600035", "1201675315243996", "1201700591175694"],
                ["Investigations", "1199906290951706", "1200908948600028", "1201675315244000", "1201700591175689"],
                [
                    "Security/IT/Compliance", "1200813282274945", "1200908948600049", "1201680804234039",
                    "1201700591175712",
                ],
                ["Productivity", "1201305154831711", "1201267919523628", "1201680804234034", "1201700591175700"],
                ["Quality", "1201305154831713", "1201267919523635", "1201680804234029", "1201700591175703"],
                [
                    "Observability & Performance", "1201305154831712", "1201267919523642", "1201680804234024",
                    "1201700591175706",
                ],
                ["Data Platform", "1201305154831715", "1201282881828563", "1201680779826585", "1201700591175709"],
                ["Adoption", "1201305154831714", "1201267919523621", "1201675315244004", "1201700591175670"],
            ]
        )
        #expect(table.team(table.defaultTeam)?.name == "Observability & Performance")
        #expect(table.asana.workspace == nil)
        #expect(table.asana.devBoardProject == "1200611106362920")
        #expect(table.asana.releaseTestingPortfolio == "1199961111326835")
        #expect(table.asana.fallbackProject == "1201267919523642")
        let fields = table.asana.fields
        #expect(fields.team == "1199906290951705")
        #expect(
            [fields.estimate, fields.reporter, fields.reporterSentry] == [
                "1199944595440874", "1200165681182165", "1200198568911550",
            ]
        )
        #expect([fields.taskType, fields.taskTypeBug] == ["1202118168254120", "1202118168254133"])
        #expect(fields.estimateValue == 0.1)
    }

    /// Every service key of the original carries the `panther-` prefix (the two Fargate host suffixes aside),
    /// and every rule is a substring rule on `server_name` or `url`, as the original matched.
    @Test func theShippedRulesAreTheOriginalsSubstringKeys() throws {
        let table = try ShippedTable.load()
        var serverNames: [String] = []
        var paths: [String] = []
        for rule in table.rules {
            guard case .contains(let key) = rule.matcher else {
                Issue.record("not a substring rule: \(rule.summary)")
                continue
            }
            if rule.tag == "server_name" { serverNames.append(key) } else { paths.append(key) }
        }
        #expect(serverNames.count == 62)
        #expect(serverNames.filter { !$0.hasPrefix("panther-") } == [".compute.internal", ".ec2.internal"])
        #expect(paths.count == 16)
        #expect(paths.allSatisfy { $0.hasPrefix("/") && $0.hasSuffix("/") })
        #expect(table.tagOrder == ["server_name", "url"])
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
          - {key: a, name: A, team_id: "21", backlog_id: "22", sprint_portfolio_id: "23", sprint_portfolio_id_dev: "24"}
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
