/// "When tag `tag` matches, the alert belongs to `team`."
public struct RoutingRule: Sendable, Equatable {
    public enum Matcher: Sendable, Equatable {
        /// The whole value, case-sensitive.
        case exact(String)
        /// A substring of the value, case-sensitive.
        case contains(String)
        /// A regular expression searched anywhere in the value (anchor it with `^…$` to match the whole).
        case regex(String)
    }

    public var tag: String
    public var matcher: Matcher
    public var team: String

    public init(tag: String, matcher: Matcher, team: String) {
        self.tag = tag
        self.matcher = matcher
        self.team = team
    }

    public func matches(_ value: String) -> Bool {
        switch matcher {
        case .exact(let expected): value == expected
        case .contains(let part): value.contains(part)
        case .regex(let pattern): (try? Regex(pattern)).map { value.contains($0) } ?? false
        }
    }

    /// `server_name contains panther-log-processor`: the rule as the task notes name it.
    public var summary: String {
        switch matcher {
        case .exact(let text): "\(tag) is \(text)"
        case .contains(let text): "\(tag) contains \(text)"
        case .regex(let pattern): "\(tag) matches /\(pattern)/"
        }
    }

    var isExact: Bool {
        if case .exact = matcher { return true }
        return false
    }
}
