import Foundation
import Routing
import TestSupport
import Testing

@Suite struct TeamRouterTests {
    func router() throws -> TeamRouter { TeamRouter(table: try ShippedTable.load()) }

    /// The original's routing cases (reference §4), and a few more of its table.
    @Test(arguments: [
        // an unknown service defaults to Observability
        (["server_name": "panther-unknown-service"], "Observability & Performance"),
        (["server_name": "some-box"], "Observability & Performance"),
        ([:], "Observability & Performance"),
        (["server_name": ""], "Observability & Performance"),
        // alert-delivery-api → Investigations
        (["server_name": "panther-alert-delivery-api"], "Investigations"),
        // Fargate host substrings → Investigations
        (["server_name": "ip-10-0-12-34.ec2.internal"], "Investigations"),
        (["server_name": "ip-10-1-2-3.us-west-2.compute.internal"], "Investigations"),
        // url substring /data-schemas/ → Ingestion
        (["url": "https://acme.runpanther.net/data-schemas/custom/"], "Ingestion"),
        (["url": "https://acme.runpanther.net/detections/rule-1/"], "Detections"),
        (["url": "https://acme.runpanther.net/query-history/"], "Investigations"),
        (["url": "https://acme.runpanther.net/settings/general/"], "Observability & Performance"),
        // server names carry more than the key (a Lambda's version, an alias): substring
        (["server_name": "panther-log-processor:live"], "Ingestion"),
        (["server_name": "panther-rules-engine"], "Detections"),
        (["server_name": "panther-users-api"], "Adoption"),
        (["server_name": "panther-alarm-logger"], "Observability & Performance"),
        (["server_name": "panther-ops-tools"], "Productivity"),
        (["server_name": "panther-datacatalog-compactor-reaper"], "Investigations"),
    ])
    func theOriginalsTableRoutes(tags: [String: String], team: String) throws {
        #expect(try router().route(tags: tags).team.name == team)
    }

    @Test func serverNameBeatsURL() throws {
        let decision = try router().route(tags: [
            "server_name": "panther-rules-engine", "url": "https://acme.runpanther.net/data-schemas/",
        ])
        #expect(decision.team.name == "Detections")
        #expect(decision.rule?.summary == "server_name contains panther-rules-engine")
    }

    /// The original reversed consulting `url` for back-end events: they carry the load balancer's `url` too.
    @Test func anUnmatchedServerNameGoesToTheDefaultTeamWithoutConsultingTheURL() throws {
        let decision = try router().route(tags: [
            "server_name": "panther-new-service", "url": "https://acme.runpanther.net/data-schemas/",
        ])
        #expect(decision.team.name == "Observability & Performance")
        #expect(decision.rule == nil)
    }

    @Test func anEmptyServerNameCountsAsAbsent() throws {
        let decision = try router().route(tags: ["server_name": "", "url": "https://x/log-sources/"])
        #expect(decision.team.name == "Ingestion")
        #expect(decision.rule?.tag == "url")
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

    @Test func tagsOutsideTheOrderAreTriedOnlyWithoutAnyTagOfTheOrder() throws {
        let router = TeamRouter(
            table: try table(rules: [
                RoutingRule(tag: "service", matcher: .exact("billing"), team: "c"),
                RoutingRule(tag: "url", matcher: .contains("/"), team: "b"),
            ])
        )
        #expect(router.route(tags: ["service": "billing", "url": "/x"]).team.key == "b")
        #expect(router.route(tags: ["service": "billing", "url": "none"]).team.key == "a")
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

/// The webhook fixtures route as `fixtures/webhooks/README.md` says, under the shipped table.
@Suite struct FixtureRoutingTests {
    static let webhooks = FixtureLoader.package("fixtures/webhooks")

    @Test(arguments: [
        ("python-prod-core-infra", "Productivity"), ("node-staging-ingestion", "Ingestion"),
        ("browser-prod-frontend", "Investigations"), ("go-dev-detections", "Detections"),
        ("python-prod-investigations-customer", "Investigations"), ("node-prod-core-infra-fatal", "Productivity"),
        ("go-staging-ingestion-warning", "Ingestion"), ("browser-dev-frontend", "Observability & Performance"),
    ])
    func eachFixtureReachesItsTeam(name: String, team: String) throws {
        let data = try Self.webhooks.data("event_alert-\(name)")
        let body = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let event = try #require((body["data"] as? [String: Any])?["event"] as? [String: Any])
        let pairs = try #require(event["tags"] as? [[String]])
        let tags = Dictionary(pairs.map { ($0[0], $0[1]) }) { first, _ in first }
        #expect(TeamRouter(table: try ShippedTable.load()).route(tags: tags).team.name == team)
    }
}
