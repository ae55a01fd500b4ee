import LambdaEvents

extension JSONValue {
    /// The value with every `null` member of every object left out, at any depth.
    func removingNulls() -> JSONValue {
        switch self {
        case .object(let members):
            .object(members.filter { $0.value != .null }.mapValues { $0.removingNulls() })
        case .array(let items):
            .array(items.map { $0.removingNulls() })
        default:
            self
        }
    }
}
