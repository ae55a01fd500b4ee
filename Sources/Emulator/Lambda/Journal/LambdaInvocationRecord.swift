import Foundation

/// One invocation as the journal keeps it: who asked, when it ran on the emulator's clock and how it ended.
package struct LambdaInvocationRecord: Sendable, Equatable {
    package enum Outcome: String, Sendable, Equatable {
        case running, success
        /// A function error posted through the Runtime API (an unhandled error included), an init error, or an
        /// answer over the payload limit. `batchItemFailures` in a successful answer are not errors.
        case error
        case timeout
        /// The instance's process ended while it held the invocation (a crash, `kill`, or shutdown).
        case crash

        /// Whether Lambda's `Errors` metric counts it.
        package var isFailure: Bool { self == .error || self == .timeout || self == .crash }

        /// The outcome an ended invocation maps to.
        package init(_ outcome: LambdaInvocationOutcome) {
            switch outcome {
            case .success: self = .success
            case .failure(let error):
                switch error.errorType {
                case "Sandbox.Timedout": self = .timeout
                case "Runtime.ExitError", LambdaInvocationJournal.shutdownErrorType: self = .crash
                default: self = .error
                }
            }
        }
    }

    package var requestID: String
    package var function: String
    package var source: LambdaInvocationSource
    package var startedAt: Date
    package var endedAt: Date?
    package var outcome: Outcome
    package var errorType: String?
    package var errorMessage: String?
    package var messageIDs: [String]

    /// The admin API's JSON (times in milliseconds since the epoch, `endedAt` null while running).
    package var json: [String: Any] {
        [
            "requestId": requestID, "function": function, "source": source.rawValue,
            "startedAt": Self.milliseconds(startedAt),
            "endedAt": endedAt.map { Self.milliseconds($0) as Any } ?? NSNull(),
            "outcome": outcome.rawValue, "errorType": errorType as Any? ?? NSNull(),
            "errorMessage": errorMessage as Any? ?? NSNull(), "messageIds": messageIDs,
        ]
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
}
