/// A failed Sentry REST call, classified for the consumer: `gone` is a permanent answer (the issue was
/// deleted or merged), `isTransient` ones fail the record so SQS redelivers it.
public struct SentryAPIError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        /// 404/410.
        case gone
        /// 404 for the organisation itself: `SENTRY_ORG` names no organisation the token can see. A
        /// configuration error, never "issue deleted".
        case organizationNotFound
        /// 401/403: the token is wrong or lacks a scope.
        case unauthorized
        case rateLimited
        case serverError
        /// No response (timeout, connection refused).
        case transport
        /// 2xx with a body we cannot read.
        case badResponse
        /// Any other 4xx.
        case rejected
    }

    public var code: Code
    public var status: Int?
    /// Sentry's `detail`, when it sent one.
    public var detail: String?
    /// Seconds from `Retry-After` on a 429.
    public var retryAfter: Double?

    public init(_ code: Code, status: Int? = nil, detail: String? = nil, retryAfter: Double? = nil) {
        self.code = code
        self.status = status
        self.detail = detail
        self.retryAfter = retryAfter
    }

    public var isTransient: Bool {
        [.rateLimited, .serverError, .transport, .unauthorized, .organizationNotFound].contains(code)
    }

    public var description: String {
        var text = "Sentry API \(code.rawValue)"
        if let status { text += " (HTTP \(status))" }
        if let detail { text += ": \(detail)" }
        return text
    }
}
