/// A request that got no usable HTTP response. Every case but `invalidRequest` may be worth retrying.
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// No complete response within the timeout.
        case timeout
        /// The connection could not be made, or was lost before a response started.
        case connectionFailed
        /// The response was cut short (fewer body bytes than `Content-Length`) or was not HTTP.
        case truncatedResponse
        /// The request could not be sent as given (bad URL, say). Not retryable.
        case invalidRequest
    }

    public var code: Code
    public var message: String
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// Whether the standard retry mode tries again after this error.
    public var isRetryable: Bool { code != .invalidRequest }

    public var description: String {
        if let underlying { return "HTTP transport (\(code)): \(message) (\(underlying))" }
        return "HTTP transport (\(code)): \(message)"
    }
}
