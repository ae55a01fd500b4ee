/// What became of one invocation, as `LambdaRuntime.run(maxInvocations:)` reports it.
public struct LambdaInvocationOutcome: Sendable {
    public enum Result: Sendable {
        /// The handler succeeded and Lambda accepted the response.
        case responded
        /// The handler (or the runtime on its behalf) failed and Lambda accepted the error report.
        case reportedError(LambdaErrorDocument, functionErrorType: String)
        /// Lambda did not accept the response or the error report (413, 400, 403, connection lost).
        case undelivered(LambdaRuntimeError)
    }

    public var requestID: String
    public var result: Result

    public init(requestID: String, result: Result) {
        self.requestID = requestID
        self.result = result
    }
}
