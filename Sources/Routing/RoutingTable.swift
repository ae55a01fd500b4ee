import Foundation
import Yams

/// The routing table: which team gets an alert, and every Asana id the task needs. A data file
/// (`config/routing.yaml`), because team ownership and Asana ids were the original's most frequent change.
public struct RoutingTable: Sendable, Equatable {
    public var asana: AsanaSettings
    /// Teams in file order.
    public var teams: [Team]
    public var rules: [RoutingRule]
    /// The first of these tags the event carries decides alone (`server_name` before `url`, as the original).
    public var tagOrder: [String]
    public var defaultTeam: String

    public init(
        asana: AsanaSettings,
        teams: [Team],
        rules: [RoutingRule],
        tagOrder: [String] = ["server_name", "url"],
        defaultTeam: String
    ) throws(RoutingError) {
        self.asana = asana
        self.teams = teams
        self.rules = rules
        self.tagOrder = tagOrder
        self.defaultTeam = defaultTeam
        try validate()
    }

    public func team(_ key: String) -> Team? { teams.first { $0.key == key } }

    /// Parses and validates YAML text.
    public static func parse(yaml: String) throws(RoutingError) -> RoutingTable {
        let file: RoutingFile
        do {
            file = try YAMLDecoder().decode(RoutingFile.self, from: yaml)
        } catch {
            throw RoutingError(.malformed, "the routing table is not valid: \(Self.describe(error))")
        }
        var rules: [RoutingRule] = []
        for (index, raw) in (file.rules ?? []).enumerated() {
            rules.append(try raw.rule(index: index))
        }
        return try RoutingTable(
            asana: file.asana.settings,
            teams: file.teams.map(\.team),
            rules: rules,
            tagOrder: file.tagOrder ?? ["server_name", "url"],
            defaultTeam: file.defaultTeam
        )
    }

    /// Reads, parses and validates a YAML file.
    public static func load(path: String) throws(RoutingError) -> RoutingTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RoutingError(.malformed, "cannot read the routing table at \(path)")
        }
        return try parse(yaml: String(decoding: data, as: UTF8.self))
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.keyNotFound(let key, let context) = error {
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            return "missing \(path)"
        }
        if case DecodingError.typeMismatch(_, let context) = error {
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        if case DecodingError.valueNotFound(_, let context) = error {
            return "missing value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        return String(describing: error)
    }
}

/// What the Asana side of the table holds besides the teams.
public struct AsanaSettings: Sendable, Equatable {
    /// Sent with new tasks when set; the original sent none.
    public var workspace: String?
    public var fields: CustomFieldIDs
    /// `DEV_ASANA_SENTRY_PROJECT`: every development task also goes here.
    public var devBoardProject: String
    /// `RELEASE_TESTING_PORTFOLIO`: staging tasks also go to its newest project.
    public var releaseTestingPortfolio: String
    /// The Observability backlog: used when no sprint project is found (staging, production).
    public var fallbackProject: String

    public init(
        workspace: String?,
        fields: CustomFieldIDs,
        devBoardProject: String,
        releaseTestingPortfolio: String,
        fallbackProject: String
    ) {
        self.workspace = workspace
        self.fields = fields
        self.devBoardProject = devBoardProject
        self.releaseTestingPortfolio = releaseTestingPortfolio
        self.fallbackProject = fallbackProject
    }
}

/// The custom fields of a task and their enum option gids.
public struct CustomFieldIDs: Sendable, Equatable {
    public var priority: String
    public var priorityHigh: String
    public var priorityMedium: String
    public var priorityLow: String
    public var team: String
    public var reporter: String
    public var reporterSentry: String
    public var taskType: String
    public var taskTypeBug: String
    public var estimate: String
    public var estimateValue: Double?

    public init(
        priority: String,
        priorityHigh: String,
        priorityMedium: String,
        priorityLow: String,
        team: String,
        reporter: String,
        reporterSentry: String,
        taskType: String,
        taskTypeBug: String,
        estimate: String,
        estimateValue: Double?
    ) {
        self.priority = priority
        self.priorityHigh = priorityHigh
        self.priorityMedium = priorityMedium
        self.priorityLow = priorityLow
        self.team = team
        self.reporter = reporter
        self.reporterSentry = reporterSentry
        self.taskType = taskType
        self.taskTypeBug = taskTypeBug
        self.estimate = estimate
        self.estimateValue = estimateValue
    }

    public func option(for priority: Priority) -> String {
        switch priority {
        case .high: priorityHigh
        case .medium: priorityMedium
        case .low: priorityLow
        }
    }
}

/// One engineering team and where its work lives in Asana.
public struct Team: Sendable, Equatable {
    public var key: String
    public var name: String
    /// `team_id`: the option gid of the Team custom field.
    public var teamOption: String
    /// `backlog_id`
    public var backlogProject: String
    /// `sprint_portfolio_id`: holds the team's sprint projects.
    public var sprintPortfolio: String
    /// `sprint_portfolio_id_dev`: the sandbox portfolio for development.
    public var sandboxPortfolio: String

    public init(
        key: String,
        name: String,
        teamOption: String,
        backlogProject: String,
        sprintPortfolio: String,
        sandboxPortfolio: String
    ) {
        self.key = key
        self.name = name
        self.teamOption = teamOption
        self.backlogProject = backlogProject
        self.sprintPortfolio = sprintPortfolio
        self.sandboxPortfolio = sandboxPortfolio
    }
}
