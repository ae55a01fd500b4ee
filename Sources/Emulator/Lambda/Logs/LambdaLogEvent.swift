import Foundation

/// One line of a function's log: the bootstrap's stdout/stderr, or one of Lambda's own `START`/`END`/`REPORT`
/// lines.
package struct LambdaLogEvent: Sendable, Equatable, Codable {
    package var function: String
    /// The invocation the line belongs to; `nil` for the init phase and for lines between invocations.
    package var requestID: String?
    /// `YYYY/MM/DD/[$LATEST]` + instance id, as Lambda names an execution environment's stream.
    package var logStream: String
    package var timestamp: Date
    package var message: String

    package init(function: String, requestID: String?, logStream: String, timestamp: Date, message: String) {
        self.function = function
        self.requestID = requestID
        self.logStream = logStream
        self.timestamp = timestamp
        self.message = message
    }
}
