/// An error that chooses how it is reported to Lambda. Errors that do not conform are reported with the
/// function error type `Unhandled` (what AWS's own runtimes send for a handler exception) and their Swift type
/// name as `errorType`.
public protocol LambdaReportableError: Error {
    /// The `Lambda-Runtime-Function-Error-Type` header, `Category.Reason` by AWS's advice
    /// (for example `Runtime.ConfigInvalid`).
    var functionErrorType: String { get }
}

extension LambdaRuntimeError: LambdaReportableError {
    public var functionErrorType: String {
        switch code {
        case .eventDecodingFailed: "Runtime.InvalidEvent"
        case .responseEncodingFailed: "Runtime.InvalidResponse"
        case .invalidInvocation: "Runtime.InvalidInvocation"
        case .missingEnvironmentVariable, .invalidEnvironmentVariable: "Runtime.ConfigInvalid"
        default: "Runtime.Unknown"
        }
    }
}
