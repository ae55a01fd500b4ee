/// Picks the team for an alert's tags.
///
/// Precedence, highest first:
/// 1. tags in `tagOrder` (`server_name` before `url`), then any other tag rules name, in file order;
/// 2. within one tag, `exact` rules before `contains`/`regex` rules; among those, file order;
/// 3. no match: the default team.
public struct TeamRouter: Sendable {
    public var table: RoutingTable

    public init(table: RoutingTable) { self.table = table }

    public struct Decision: Sendable, Equatable {
        public var team: Team
        /// The rule that matched; nil for the default team.
        public var rule: RoutingRule?
    }

    public func route(tags: [String: String]) -> Decision {
        for tag in orderedTags {
            guard let value = tags[tag], !value.isEmpty else { continue }
            let candidates = table.rules.filter { $0.tag == tag }
            let ordered = candidates.filter(\.isExact) + candidates.filter { !$0.isExact }
            if let rule = ordered.first(where: { $0.matches(value) }), let team = table.team(rule.team) {
                return Decision(team: team, rule: rule)
            }
        }
        // validate() guarantees the default team exists.
        return Decision(team: table.team(table.defaultTeam) ?? table.teams[0], rule: nil)
    }

    var orderedTags: [String] {
        var order = table.tagOrder
        for rule in table.rules where !order.contains(rule.tag) { order.append(rule.tag) }
        return order
    }
}
