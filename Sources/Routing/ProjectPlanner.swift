/// Where a task goes: a fixed project, or the newest live project of a portfolio (none when it has none). The
/// consumer resolves "newest" through Asana; the rules are here, without I/O.
public enum ProjectTarget: Sendable, Equatable {
    case project(String)
    case newestInPortfolio(String)
}

/// The targets of one task, and the project used when none of them resolves to a project.
public struct ProjectPlan: Sendable, Equatable {
    public var targets: [ProjectTarget]
    /// Used when every target came back empty; nil: the task goes only where targets resolved.
    public var whenNoneFound: String?

    public init(_ targets: [ProjectTarget], whenNoneFound: String? = nil) {
        self.targets = targets
        self.whenNoneFound = whenNoneFound
    }
}

/// The deployment stage an alert came from, from its `environment`, as the original compared it.
public enum Stage: String, Sendable, Equatable {
    case development, staging, production

    /// `dev` → development, `staging` → staging (case aside), anything else (prod, missing) → production.
    public init(environment: String?) {
        switch environment?.lowercased() {
        case "dev": self = .development
        case "staging": self = .staging
        default: self = .production
        }
    }
}

/// The original's project selection (v2, reference §2.6).
public struct ProjectPlanner: Sendable {
    public var settings: AsanaSettings

    public init(settings: AsanaSettings) { self.settings = settings }

    /// - development mode or a `dev` alert: the newest project of the team's `sprint_portfolio_id_dev` and the
    ///   dev board (`DEV_ASANA_SENTRY_PROJECT`), an empty portfolio dropped;
    /// - `staging`: the newest project of the team's sprint portfolio and of the release-testing portfolio;
    ///   neither → the Observability backlog;
    /// - anything else: a `warning` goes to the team backlog; otherwise the newest sprint project, or the
    ///   Observability backlog.
    public func plan(team: Team, environment: String?, level: String?, developmentMode: Bool) -> ProjectPlan {
        let stage = developmentMode ? .development : Stage(environment: environment)
        switch stage {
        case .development:
            return ProjectPlan([.newestInPortfolio(team.sandboxPortfolio), .project(settings.devBoardProject)])
        case .staging:
            return ProjectPlan(
                [.newestInPortfolio(team.sprintPortfolio), .newestInPortfolio(settings.releaseTestingPortfolio)],
                whenNoneFound: settings.fallbackProject
            )
        case .production:
            if level?.lowercased() == "warning" { return ProjectPlan([.project(team.backlogProject)]) }
            return ProjectPlan([.newestInPortfolio(team.sprintPortfolio)], whenNoneFound: settings.fallbackProject)
        }
    }
}
