/// A dead-letter queue re-drive (`StartMessageMoveTask`): moves the DLQ's messages back to the queue each came
/// from, or to one chosen destination.
package struct SQSMoveTask: Codable, Sendable, Equatable {
    package static let recordKind = "sqs-move-task"

    package var taskHandle: String
    package var sourceArn: String
    package var destinationArn: String?
    package var maxNumberOfMessagesPerSecond: Int?
    package var status: String
    package var moved: Int
    package var toMove: Int
    package var startedTimestamp: Int64
    package var failureReason: String?

    /// The JSON shape of `ListMessageMoveTasks`' results.
    package var listEntry: [String: Any] {
        var out: [String: Any] = [
            "Status": status, "SourceArn": sourceArn, "ApproximateNumberOfMessagesMoved": moved,
            "ApproximateNumberOfMessagesToMove": toMove, "StartedTimestamp": startedTimestamp,
        ]
        if status == "RUNNING" { out["TaskHandle"] = taskHandle }
        if let destinationArn { out["DestinationArn"] = destinationArn }
        if let maxNumberOfMessagesPerSecond { out["MaxNumberOfMessagesPerSecond"] = maxNumberOfMessagesPerSecond }
        if let failureReason { out["FailureReason"] = failureReason }
        return out
    }
}
