/// Picks the team for an alert's tags.
///
/// Precedence, as the original (v2):
/// 1. the first tag of `tagOrder` the event carries (non-empty) decides alone: with a `server_name`, only its
///    rules are tried and `url` is never consulted; nothing matching it → the default team;
/// 2. within that tag, `exact` rules before `contains`/`regex` rules (an extension; the shipped table has only
///    `contains`); among those, file order;
/// 3. rules on tags outside `tagOrder` are tried (in file order of their tags) only when the event carries
///    none of `tagOrder`'s tags;
/// 4. no match: the default team.
public struct TeamRouter: Sendable {
    public var table: RoutingTable

    public init(table: RoutingTable) { self.table = table }

    public struct Decision: Sendable, Equatable {
        public var team: Team
        /// The rule that matched; nil for the default team.
        public var rule: RoutingRule?
    }

    public func route(tags: [String: String]) -> Decision {
        if let tag = table.tagOrder.first(where: { tags[$0].map { !$0.isEmpty } ?? false }), let value = tags[tag] {
            return match(tag: tag, value: value) ?? defaultDecision
        }
        for tag in otherTags {
            guard let value = tags[tag], !value.isEmpty else { continue }
            if let decision = match(tag: tag, value: value) { return decision }
        }
        return defaultDecision
    }

    func match(tag: String, value: String) -> Decision? {
        let candidates = table.rules.filter { $0.tag == tag }
        let ordered = candidates.filter(\.isExact) + candidates.filter { !$0.isExact }
        guard let rule = ordered.first(where: { $0.matches(value) }), let team = table.team(rule.team) else {
            return nil
        }
        return Decision(team: team, rule: rule)
    }

    /// validate() guarantees the default team exists.
    var defaultDecision: Decision { Decision(team: table.team(table.defaultTeam) ?? table.teams[0], rule: nil) }

    var otherTags: [String] {
        var order: [String] = []
        for rule in table.rules where !table.tagOrder.contains(rule.tag) && !order.contains(rule.tag) {
            order.append(rule.tag)
        }
        return order
    }
}
