extension SQSClient {
    /// Starts moving the messages of a dead-letter queue (`sourceARN`) back to the queues they came from, or to
    /// `destinationARN`; returns the task handle. The move runs on the SQS side; follow it with
    /// `listMessageMoveTasks`.
    public func startMessageMoveTask(
        sourceARN: String,
        destinationARN: String? = nil,
        maxNumberOfMessagesPerSecond: Int? = nil,
        deadline: ContinuousClock.Instant
    ) async throws -> String {
        try await client.call(
            "StartMessageMoveTask",
            SQSRequests.StartMessageMoveTask(
                sourceARN: sourceARN,
                destinationARN: destinationARN,
                maxNumberOfMessagesPerSecond: maxNumberOfMessagesPerSecond
            ),
            output: SQSRequests.TaskHandle.self,
            deadline: deadline
        ).taskHandle
    }

    /// The most recent move tasks of a dead-letter queue, newest first (SQS keeps up to 10).
    public func listMessageMoveTasks(
        sourceARN: String,
        maxResults: Int? = nil,
        deadline: ContinuousClock.Instant
    ) async throws -> [SQSMessageMoveTask] {
        try await client.call(
            "ListMessageMoveTasks",
            SQSRequests.ListMessageMoveTasks(sourceARN: sourceARN, maxResults: maxResults),
            output: SQSRequests.ListMessageMoveTasksResult.self,
            deadline: deadline
        ).results ?? []
    }

    /// Asks a running move task to stop; returns how many messages it had moved.
    public func cancelMessageMoveTask(taskHandle: String, deadline: ContinuousClock.Instant) async throws -> Int {
        try await client.call(
            "CancelMessageMoveTask",
            SQSRequests.TaskHandle(taskHandle: taskHandle),
            output: SQSRequests.CancelMessageMoveTaskResult.self,
            deadline: deadline
        ).approximateNumberOfMessagesMoved ?? 0
    }
}

extension SQSRequests {
    struct StartMessageMoveTask: Encodable {
        var sourceARN: String
        var destinationARN: String?
        var maxNumberOfMessagesPerSecond: Int?

        enum CodingKeys: String, CodingKey {
            case sourceARN = "SourceArn"
            case destinationARN = "DestinationArn"
            case maxNumberOfMessagesPerSecond = "MaxNumberOfMessagesPerSecond"
        }
    }

    struct TaskHandle: Codable {
        var taskHandle: String

        enum CodingKeys: String, CodingKey { case taskHandle = "TaskHandle" }
    }

    struct ListMessageMoveTasks: Encodable {
        var sourceARN: String
        var maxResults: Int?

        enum CodingKeys: String, CodingKey {
            case sourceARN = "SourceArn"
            case maxResults = "MaxResults"
        }
    }

    struct ListMessageMoveTasksResult: Decodable {
        var results: [SQSMessageMoveTask]?

        enum CodingKeys: String, CodingKey { case results = "Results" }
    }

    struct CancelMessageMoveTaskResult: Decodable {
        var approximateNumberOfMessagesMoved: Int?

        enum CodingKeys: String, CodingKey {
            case approximateNumberOfMessagesMoved = "ApproximateNumberOfMessagesMoved"
        }
    }
}
