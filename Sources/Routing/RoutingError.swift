public struct RoutingError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable { case malformed, invalidTeam, invalidRule, invalidGID }
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "routing table: \(message)" }
}
