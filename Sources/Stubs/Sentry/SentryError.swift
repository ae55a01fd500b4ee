/// An error answer in Sentry's (Django REST framework's) shape: `{"detail": "…"}`, or field errors
/// `{"field": ["…"]}` for invalid input.
package struct SentryError: Error, Sendable, CustomStringConvertible {
    package var status: Int
    package var body: JSON
    package var headers: [(name: String, value: String)] = []

    package init(_ status: Int, detail: String) {
        self.status = status
        self.body = ["detail": .string(detail)]
    }

    package init(_ status: Int, field: String, _ message: String) {
        self.status = status
        self.body = .object([field: [.string(message)]])
    }

    package init(_ status: Int, body: JSON) {
        self.status = status
        self.body = body
    }

    package var description: String { "\(status) \(body.text)" }

    package var response: StubResponse { .json(status, body, headers: headers) }

    static func notFound() -> SentryError { SentryError(404, detail: "The requested resource does not exist") }
    static func noCredentials() -> SentryError {
        SentryError(401, detail: "Authentication credentials were not provided.")
    }
    static func invalidToken() -> SentryError { SentryError(401, detail: "Invalid token") }
    static func methodNotAllowed(_ method: String) -> SentryError {
        SentryError(405, detail: "Method \"\(method)\" not allowed.")
    }
}
