/// Why a dashboard action (sending a fixture, starting a re-drive) could not be done, with the HTTP status the
/// control API answers it with.
struct DashboardError: Error, CustomStringConvertible {
    enum Code: Sendable {
        /// No fixtures folder, no such fixture, no loaded stack, no such queue.
        case notFound
        /// The request itself is wrong.
        case badRequest
        /// The emulator knows no webhook URL or client secret (no stack loaded with a Function URL).
        case notConfigured
        /// The producer could not be reached.
        case unreachable
    }

    var code: Code
    var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var status: Int {
        switch code {
        case .notFound: 404
        case .badRequest: 400
        case .notConfigured: 409
        case .unreachable: 502
        }
    }

    var description: String { message }
}
