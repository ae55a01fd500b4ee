/// Everything that can go wrong between this process and the Lambda Runtime API, or while starting up.
public struct LambdaRuntimeError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// A variable Lambda always sets is missing (`AWS_LAMBDA_RUNTIME_API`).
        case missingEnvironmentVariable
        /// A variable is set but unusable (not `host:port`, not a number).
        case invalidEnvironmentVariable
        /// The Runtime API could not be reached (refused, reset, closed mid-answer).
        case connectionFailed
        /// 400 from the Runtime API.
        case badRequest
        /// 403 from the Runtime API (for example an unknown or already answered request id).
        case forbidden
        /// 413 from the Runtime API: the response or error document is larger than Lambda accepts.
        case payloadTooLarge
        /// 500 from the Runtime API: AWS documents this as a non-recoverable container error after which the
        /// runtime must exit.
        case containerError
        /// Any other status the Runtime API does not document for the call.
        case unexpectedStatus
        /// `/next` answered 200 without a usable `Lambda-Runtime-Aws-Request-Id` or deadline.
        case invalidInvocation
        /// The event could not be decoded into the handler's `Event` type.
        case eventDecodingFailed
        /// The handler's `Output` could not be encoded as JSON.
        case responseEncodingFailed
        /// Creating the handler failed; the error was posted to `/runtime/init/error`.
        case initializationFailed
    }

    public var code: Code
    public var message: String
    /// The HTTP status the Runtime API answered, for the status codes.
    public var statusCode: Int?
    /// The Runtime API path that was called.
    public var path: String?
    public var underlying: (any Error)?

    public init(
        _ code: Code,
        _ message: String,
        statusCode: Int? = nil,
        path: String? = nil,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.statusCode = statusCode
        self.path = path
        self.underlying = underlying
    }

    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if let statusCode { text += " (HTTP \(statusCode))" }
        if let path { text += " [\(path)]" }
        if let underlying { text += " — \(underlying)" }
        return text
    }

    /// The error for a non-2xx answer of the Runtime API.
    static func status(_ status: Int, path: String, body: String) -> LambdaRuntimeError {
        let code: Code =
            switch status {
            case 400: .badRequest
            case 403: .forbidden
            case 413: .payloadTooLarge
            case 500: .containerError
            default: .unexpectedStatus
            }
        let detail = body.isEmpty ? "no body" : String(body.prefix(512))
        return LambdaRuntimeError(code, "the Runtime API refused the call: \(detail)", statusCode: status, path: path)
    }
}
