/// Where a task goes: a fixed project, or the newest live project of a portfolio (with a fallback when the
/// portfolio has none). The consumer resolves "newest" through Asana; the rules are here, without I/O.
public enum ProjectTarget: Sendable, Equatable {
    case project(String)
    case newestInPortfolio(String, fallback: String)
}

/// The deployment stage an alert came from, from its `environment`.
public enum Stage: String, Sendable, Equatable {
    case development, staging, production

    /// `dev`/`development` → development, `staging`/`stage` → staging, anything else (prod, missing) → production.
    public init(environment: String?) {
        switch environment?.lowercased() {
        case "dev", "development", "local": self = .development
        case "staging", "stage": self = .staging
        default: self = .production
        }
    }
}

public struct ProjectPlanner: Sendable {
    public var settings: AsanaSettings

    public init(settings: AsanaSettings) { self.settings = settings }

    /// - development mode or a dev alert: the team's newest sandbox project + the dev board;
    /// - staging: the team's newest sprint project + the release-testing portfolio's newest project;
    /// - production: a warning goes to the team backlog, anything else to the newest sprint project.
    public func targets(team: Team, environment: String?, priority: Priority, developmentMode: Bool) -> [ProjectTarget]
    {
        let stage = developmentMode ? .development : Stage(environment: environment)
        let fallback = settings.fallbackProject
        switch stage {
        case .development:
            return [.newestInPortfolio(team.sandboxPortfolio, fallback: fallback), .project(settings.devBoardProject)]
        case .staging:
            return [
                .newestInPortfolio(team.sprintPortfolio, fallback: team.backlogProject),
                .newestInPortfolio(settings.releaseTestingPortfolio, fallback: fallback),
            ]
        case .production:
            if priority == .medium { return [.project(team.backlogProject)] }
            return [.newestInPortfolio(team.sprintPortfolio, fallback: team.backlogProject)]
        }
    }
}
