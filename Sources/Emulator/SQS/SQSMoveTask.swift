/// A dead-letter queue re-drive (`StartMessageMoveTask`): moves the DLQ's messages back to the queue each came
/// from, or to one chosen destination, at most `maxNumberOfMessagesPerSecond` a second. Stored whole as a JSON
/// record and rewritten at every step, so a running task resumes after a restart where it stopped.
package struct SQSMoveTask: Codable, Sendable, Equatable {
    package static let recordKind = "sqs-move-task"

    /// The rate when the request names none (AWS then picks a "system optimized" rate; 500 is its maximum).
    package static let defaultRate = 500

    package enum Status {
        package static let running = "RUNNING"
        package static let completed = "COMPLETED"
        package static let cancelling = "CANCELLING"
        package static let cancelled = "CANCELLED"
        package static let failed = "FAILED"
    }

    package var taskHandle: String
    package var sourceArn: String
    package var destinationArn: String?
    package var maxNumberOfMessagesPerSecond: Int?
    package var status: String
    package var moved: Int
    /// The receivable messages in the source when the task started; the task moves at most this many.
    package var toMove: Int
    package var startedTimestamp: Int64
    package var failureReason: String?

    /// Whether a driver still has work to do (`RUNNING`, or `CANCELLING` until it stops).
    package var isActive: Bool { status == Status.running || status == Status.cancelling }

    package var rate: Int { maxNumberOfMessagesPerSecond ?? Self.defaultRate }

    /// The JSON shape of `ListMessageMoveTasks`' results.
    package var listEntry: [String: Any] {
        var out: [String: Any] = [
            "Status": status, "SourceArn": sourceArn, "ApproximateNumberOfMessagesMoved": moved,
            "ApproximateNumberOfMessagesToMove": toMove, "StartedTimestamp": startedTimestamp,
        ]
        if status == Status.running { out["TaskHandle"] = taskHandle }
        if let destinationArn { out["DestinationArn"] = destinationArn }
        if let maxNumberOfMessagesPerSecond { out["MaxNumberOfMessagesPerSecond"] = maxNumberOfMessagesPerSecond }
        if let failureReason { out["FailureReason"] = failureReason }
        return out
    }
}
