/// A failed Asana call, with Asana's `errors[].message` texts and `Retry-After` when rate limited.
public struct AsanaError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        case badRequest, unauthorized, forbidden, notFound, rateLimited, serverError, transport, badResponse, rejected
    }

    public var code: Code
    public var status: Int?
    public var messages: [String]
    /// Seconds, from `Retry-After` on a 429.
    public var retryAfter: Double?

    public init(_ code: Code, status: Int? = nil, messages: [String] = [], retryAfter: Double? = nil) {
        self.code = code
        self.status = status
        self.messages = messages
        self.retryAfter = retryAfter
    }

    /// A 400 that blames custom fields (a field or option removed from the project, a wrong type): creating
    /// the task with minimal fields will work where retrying would not.
    public var isCustomFieldProblem: Bool {
        code == .badRequest
            && messages.contains {
                $0.lowercased().contains("custom_field") || $0.lowercased().contains("custom field")
                    || $0.lowercased().contains("enum_option")
            }
    }

    public var isTransient: Bool { [.rateLimited, .serverError, .transport].contains(code) }

    public var description: String {
        var text = "Asana API \(code.rawValue)"
        if let status { text += " (HTTP \(status))" }
        if !messages.isEmpty { text += ": " + messages.joined(separator: "; ") }
        return text
    }
}
