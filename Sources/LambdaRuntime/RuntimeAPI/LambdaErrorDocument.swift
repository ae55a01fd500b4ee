/// The error JSON Lambda expects on `/invocation/{id}/error` and `/init/error`.
public struct LambdaErrorDocument: Codable, Sendable, Equatable {
    public var errorMessage: String
    public var errorType: String
    public var stackTrace: [String]

    public init(errorMessage: String, errorType: String, stackTrace: [String] = []) {
        self.errorMessage = errorMessage
        self.errorType = errorType
        self.stackTrace = stackTrace
    }

    /// The document for a thrown Swift error: its description and its type's name.
    public init(_ error: any Error) {
        self.init(errorMessage: String(describing: error), errorType: String(describing: type(of: error)))
    }
}
