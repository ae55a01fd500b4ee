import Foundation

/// Why a replay input could not be read or pushed, naming the file and what was expected instead.
package struct ReplayError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: String, Sendable, Equatable {
        /// The file could not be read.
        case unreadable
        /// The file holds nothing to replay (empty, or `receive-message` returned no messages).
        case noMessages
        /// Neither a `receive-message` dump nor a producer replay log line.
        case unrecognised
        /// A message of a dump lacks its body or has a malformed field.
        case invalidMessage
        /// A message attribute is malformed (data type, value, base64).
        case invalidAttribute
        /// A producer replay line is malformed (no base64 body, checksum mismatch, too large for SQS even gzipped).
        case invalidLogLine
        /// The local stack refused a message; those before it were sent.
        case sendFailed
        /// The webhook URL did not answer.
        case deliveryFailed
    }

    package var code: Code
    /// The file (or other source) the error is about.
    package var file: String
    package var message: String

    package init(_ code: Code, file: String, _ message: String) {
        self.code = code
        self.file = file
        self.message = message
    }

    package var description: String { "\(file): \(message)" }
}
