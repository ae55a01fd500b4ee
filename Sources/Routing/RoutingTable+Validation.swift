extension RoutingTable {
    /// Every reference resolves, every gid is numeric, every regex compiles: a broken table fails at start,
    /// not on the first alert.
    func validate() throws(RoutingError) {
        guard !teams.isEmpty else { throw RoutingError(.invalidTeam, "the table has no teams") }
        var keys: Set<String> = []
        for team in teams {
            guard keys.insert(team.key).inserted else {
                throw RoutingError(.invalidTeam, "team \(team.key) appears twice")
            }
            for (name, gid) in [
                ("team_id", team.teamOption), ("backlog_id", team.backlogProject),
                ("sprint_portfolio_id", team.sprintPortfolio), ("sprint_portfolio_id_dev", team.sandboxPortfolio),
            ] {
                try Self.checkGID(gid, "teams.\(team.key).\(name)")
            }
        }
        guard keys.contains(defaultTeam) else {
            throw RoutingError(.invalidTeam, "default_team \(defaultTeam) is not a team")
        }
        let f = asana.fields
        if let workspace = asana.workspace { try Self.checkGID(workspace, "asana.workspace") }
        for (name, gid) in [
            ("dev_board_project", asana.devBoardProject),
            ("release_testing_portfolio", asana.releaseTestingPortfolio), ("fallback_project", asana.fallbackProject),
            ("custom_fields.priority.field", f.priority), ("custom_fields.priority.high", f.priorityHigh),
            ("custom_fields.priority.medium", f.priorityMedium), ("custom_fields.priority.low", f.priorityLow),
            ("custom_fields.team", f.team), ("custom_fields.reporter.field", f.reporter),
            ("custom_fields.reporter.option", f.reporterSentry), ("custom_fields.task_type.field", f.taskType),
            ("custom_fields.task_type.option", f.taskTypeBug), ("custom_fields.estimate.field", f.estimate),
        ] {
            try Self.checkGID(gid, "asana.\(name)")
        }
        for (index, rule) in rules.enumerated() {
            guard keys.contains(rule.team) else {
                throw RoutingError(.invalidRule, "rule \(index + 1) routes to unknown team \(rule.team)")
            }
            switch rule.matcher {
            case .exact(let text), .contains(let text):
                if text.isEmpty { throw RoutingError(.invalidRule, "rule \(index + 1) has an empty matcher") }
            case .regex(let pattern):
                do { _ = try Regex(pattern) } catch {
                    throw RoutingError(.invalidRule, "rule \(index + 1) has an invalid regex \(pattern)")
                }
            }
        }
    }

    static func checkGID(_ gid: String, _ name: String) throws(RoutingError) {
        guard !gid.isEmpty, gid.allSatisfy(\.isNumber) else {
            throw RoutingError(.invalidGID, "\(name) must be a numeric Asana gid, got '\(gid)'")
        }
    }
}
