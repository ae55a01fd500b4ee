/// A configuration problem found at start: the bootstrap reports it as the Lambda init error.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    public var variable: String
    public var problem: String

    public init(variable: String, problem: String) {
        self.variable = variable
        self.problem = problem
    }

    public var description: String { "configuration: \(variable) \(problem)" }
}
