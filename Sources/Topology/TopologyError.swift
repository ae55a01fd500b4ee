/// Why a stack file cannot be used, said so that a person can fix the file.
public struct TopologyError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case unreadable
        case malformed
        case invalid
        case unknownPlaceholder
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
