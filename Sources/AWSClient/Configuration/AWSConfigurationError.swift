/// Why an `AWSConfiguration` could not be built from the environment. The description names the variable.
public struct AWSConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// A required variable is unset or empty.
        case missingVariable
        /// A variable is set to something unusable (an endpoint that is not an http(s) URL, say).
        case invalidVariable
    }

    public var code: Code
    /// The environment variable at fault, e.g. `AWS_SECRET_ACCESS_KEY`.
    public var variable: String
    public var message: String

    public init(_ code: Code, variable: String, _ message: String) {
        self.code = code
        self.variable = variable
        self.message = message
    }

    public var description: String { "AWS configuration: \(message)" }
}
