/// Why a record failed this time (SQS will redeliver it).
struct RecordFailure: Error, CustomStringConvertible {
    enum Code: String { case sentry, asana, link, deadline, deadLetter }
    var code: Code
    var message: String
    /// When set, the record's visibility is pushed out this many seconds (a rate limit's Retry-After).
    var retryAfterSeconds: Int?

    init(_ code: Code, _ message: String, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    var description: String { "\(code.rawValue): \(message)" }
}
