/// The YAML shape of `config/routing.yaml` (snake_case keys), turned into `RoutingTable` after decoding.
struct RoutingFile: Decodable {
    struct Fields: Decodable {
        struct Priority: Decodable {
            var field: String
            var high: String
            var medium: String
            var low: String
        }
        struct Option: Decodable {
            var field: String
            var option: String
        }
        struct Estimate: Decodable {
            var field: String
            var value: Double?
        }
        var priority: Priority
        var team: String
        var reporter: Option
        var taskType: Option
        var estimate: Estimate

        enum CodingKeys: String, CodingKey {
            case priority, team, reporter
            case taskType = "task_type"
            case estimate
        }
    }

    struct Asana: Decodable {
        /// Optional: the original sent none (a task with projects needs none).
        var workspace: String?
        var customFields: Fields
        var devBoardProject: String
        var releaseTestingPortfolio: String
        var fallbackProject: String

        enum CodingKeys: String, CodingKey {
            case workspace
            case customFields = "custom_fields"
            case devBoardProject = "dev_board_project"
            case releaseTestingPortfolio = "release_testing_portfolio"
            case fallbackProject = "fallback_project"
        }

        var settings: AsanaSettings {
            let f = customFields
            return AsanaSettings(
                workspace: workspace,
                fields: CustomFieldIDs(
                    priority: f.priority.field,
                    priorityHigh: f.priority.high,
                    priorityMedium: f.priority.medium,
                    priorityLow: f.priority.low,
                    team: f.team,
                    reporter: f.reporter.field,
                    reporterSentry: f.reporter.option,
                    taskType: f.taskType.field,
                    taskTypeBug: f.taskType.option,
                    estimate: f.estimate.field,
                    estimateValue: f.estimate.value
                ),
                devBoardProject: devBoardProject,
                releaseTestingPortfolio: releaseTestingPortfolio,
                fallbackProject: fallbackProject
            )
        }
    }

    struct TeamEntry: Decodable {
        var key: String
        var name: String
        var teamOption: String
        var backlogProject: String
        var sprintPortfolio: String
        var sandboxPortfolio: String

        /// The original's names (`components/asana/entities.py`).
        enum CodingKeys: String, CodingKey {
            case key, name
            case teamOption = "team_id"
            case backlogProject = "backlog_id"
            case sprintPortfolio = "sprint_portfolio_id"
            case sandboxPortfolio = "sprint_portfolio_id_dev"
        }

        var team: Team {
            Team(
                key: key,
                name: name,
                teamOption: teamOption,
                backlogProject: backlogProject,
                sprintPortfolio: sprintPortfolio,
                sandboxPortfolio: sandboxPortfolio
            )
        }
    }

    struct RuleEntry: Decodable {
        var tag: String
        var exact: String?
        var contains: String?
        var regex: String?
        var team: String

        func rule(index: Int) throws(RoutingError) -> RoutingRule {
            let given = [
                exact.map(RoutingRule.Matcher.exact), contains.map(RoutingRule.Matcher.contains),
                regex.map(RoutingRule.Matcher.regex),
            ].compactMap { $0 }
            guard given.count == 1, let matcher = given.first else {
                throw RoutingError(
                    .invalidRule,
                    "rule \(index + 1) (tag \(tag)) needs exactly one of exact, contains, regex"
                )
            }
            return RoutingRule(tag: tag, matcher: matcher, team: team)
        }
    }

    var asana: Asana
    var tagOrder: [String]?
    var defaultTeam: String
    var teams: [TeamEntry]
    var rules: [RuleEntry]?

    enum CodingKeys: String, CodingKey {
        case asana
        case tagOrder = "tag_order"
        case defaultTeam = "default_team"
        case teams, rules
    }
}
