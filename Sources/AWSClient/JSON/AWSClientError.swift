/// A call that failed on our side of the wire, or whose answer could not be used: the service's own errors are
/// `AWSServiceError`, failures to get any HTTP answer are `HTTPTransportError`.
public struct AWSClientError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The caller's deadline passed before the call could succeed; `underlying` is the last failure, if any.
        case deadlineExceeded
        /// A 2xx response whose body is not the expected JSON (truncated, not JSON, wrong shape).
        case invalidResponse
        /// A non-2xx response whose body is not an AWS error (an HTML page from a proxy, say).
        case unexpectedResponse
        /// An MD5 SQS returned does not match what was sent or received (`MD5OfMessageBody` …).
        case checksumMismatch
        /// The request could not be encoded.
        case invalidRequest
    }

    public var code: Code
    public var message: String
    /// The HTTP status, when a response was received.
    public var statusCode: Int?
    public var requestID: String?
    public var underlying: (any Error)?

    public init(
        _ code: Code,
        _ message: String,
        statusCode: Int? = nil,
        requestID: String? = nil,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.statusCode = statusCode
        self.requestID = requestID
        self.underlying = underlying
    }

    /// A non-2xx response without an AWS error body is retried when its status is transient.
    public var isRetryable: Bool {
        code == .unexpectedResponse && statusCode.map(AWSRetryStrategy.transientStatuses.contains) == true
    }

    public var description: String {
        var text = "AWS client (\(code)): \(message)"
        if let statusCode { text += " [HTTP \(statusCode)\(requestID.map { ", request id \($0)" } ?? "")]" }
        if let underlying { text += " (\(underlying))" }
        return text
    }
}
