import Routing
import Testing

@Suite struct TeamRouterTests {
    func router() throws -> TeamRouter { TeamRouter(table: try ShippedTable.load()) }

    @Test(arguments: [
        (["server_name": "panther-log-processor"], "ingestion"),
        (["server_name": "panther-rules-engine"], "detections"),
        (["server_name": "panther-athena-api"], "investigations"),
        (["server_name": "panther-users-api"], "core_infra"),
        (["server_name": "panther-log-router"], "ingestion"),
        (["server_name": "panther-alert-forwarder"], "detections"),
        (["server_name": "acme-snowflake-loader"], "investigations"),
        (["url": "https://app.example.com/log-analysis/sources/new"], "ingestion"),
        (["url": "https://app.example.com/detections/123"], "detections"),
        (["url": "https://app.example.com/data-explorer"], "investigations"),
        (["url": "https://app.example.com/overview"], "frontend"),
        ([:], "core_infra"),
        (["server_name": "unknown-host"], "core_infra"),
        (["server_name": ""], "core_infra"),
    ])
    func theExampleTableRoutes(tags: [String: String], team: String) throws {
        #expect(try router().route(tags: tags).team.key == team)
    }

    @Test func serverNameWinsOverURL() throws {
        let decision = try router().route(tags: [
            "server_name": "panther-rules-engine", "url": "https://app.example.com/log-analysis/sources",
        ])
        #expect(decision.team.key == "detections")
        #expect(decision.rule?.tag == "server_name")
    }

    @Test func anUnmatchedServerNameFallsThroughToTheURL() throws {
        let decision = try router().route(tags: [
            "server_name": "some-box", "url": "https://app.example.com/detections",
        ])
        #expect(decision.team.key == "detections")
        #expect(decision.rule?.tag == "url")
    }

    @Test func theDefaultTeamHasNoRule() throws {
        let decision = try router().route(tags: ["browser": "Chrome"])
        #expect(decision.team.key == "core_infra")
        #expect(decision.rule == nil)
    }

    func table(rules: [RoutingRule], tagOrder: [String] = ["server_name", "url"]) throws -> RoutingTable {
        let base = try RoutingTable.parse(yaml: RoutingTableTests.minimal)
        var teams = base.teams
        for key in ["b", "c"] {
            teams.append(
                Team(
                    key: key,
                    name: key,
                    teamOption: "31",
                    backlogProject: "32",
                    sprintPortfolio: "33",
                    sandboxPortfolio: "34"
                )
            )
        }
        return try RoutingTable(asana: base.asana, teams: teams, rules: rules, tagOrder: tagOrder, defaultTeam: "a")
    }

    @Test func exactBeatsAnEarlierSubstringOrRegexOfTheSameTag() throws {
        let router = TeamRouter(
            table: try table(rules: [
                RoutingRule(tag: "server_name", matcher: .contains("api"), team: "b"),
                RoutingRule(tag: "server_name", matcher: .regex("^users"), team: "b"),
                RoutingRule(tag: "server_name", matcher: .exact("users-api"), team: "c"),
            ])
        )
        #expect(router.route(tags: ["server_name": "users-api"]).team.key == "c")
        #expect(router.route(tags: ["server_name": "orgs-api"]).team.key == "b")
    }

    @Test func amongSubstringAndRegexRulesTheFirstInTheFileWins() throws {
        let router = TeamRouter(
            table: try table(rules: [
                RoutingRule(tag: "url", matcher: .regex("/settings/.*"), team: "c"),
                RoutingRule(tag: "url", matcher: .contains("/settings/users"), team: "b"),
            ])
        )
        #expect(router.route(tags: ["url": "https://x/settings/users"]).team.key == "c")
    }

    @Test func matchingIsCaseSensitiveUnlessTheRegexSaysOtherwise() throws {
        let router = TeamRouter(
            table: try table(rules: [
                RoutingRule(tag: "server_name", matcher: .exact("Api"), team: "b"),
                RoutingRule(tag: "url", matcher: .regex("(?i)/DETECTIONS"), team: "c"),
            ])
        )
        #expect(router.route(tags: ["server_name": "api"]).team.key == "a")
        #expect(router.route(tags: ["url": "https://x/detections"]).team.key == "c")
    }

    @Test func tagsOutsideTheOrderComeAfterItInFileOrder() throws {
        let router = TeamRouter(
            table: try table(rules: [
                RoutingRule(tag: "service", matcher: .exact("billing"), team: "c"),
                RoutingRule(tag: "url", matcher: .contains("/"), team: "b"),
            ])
        )
        #expect(router.route(tags: ["service": "billing", "url": "/x"]).team.key == "b")
        #expect(router.route(tags: ["service": "billing"]).team.key == "c")
    }

    @Test func theTagOrderIsConfiguration() throws {
        let rules = [
            RoutingRule(tag: "server_name", matcher: .exact("h"), team: "b"),
            RoutingRule(tag: "url", matcher: .exact("/u"), team: "c"),
        ]
        let urlFirst = TeamRouter(table: try table(rules: rules, tagOrder: ["url", "server_name"]))
        #expect(urlFirst.route(tags: ["server_name": "h", "url": "/u"]).team.key == "c")
    }
}
