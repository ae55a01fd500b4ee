/// One entry of `ListMessageMoveTasks`: a DLQ re-drive, running or finished.
public struct SQSMessageMoveTask: Sendable, Equatable, Decodable {
    /// Only present while the task runs (SQS drops it once the task ends).
    public var taskHandle: String?
    /// `RUNNING`, `COMPLETED`, `CANCELLING`, `CANCELLED` or `FAILED`.
    public var status: String
    public var sourceARN: String?
    public var destinationARN: String?
    public var startedTimestamp: Int64?
    public var approximateNumberOfMessagesMoved: Int?
    public var approximateNumberOfMessagesToMove: Int?
    public var maxNumberOfMessagesPerSecond: Int?
    public var failureReason: String?

    public init(
        taskHandle: String? = nil,
        status: String,
        sourceARN: String? = nil,
        destinationARN: String? = nil,
        startedTimestamp: Int64? = nil,
        approximateNumberOfMessagesMoved: Int? = nil,
        approximateNumberOfMessagesToMove: Int? = nil,
        maxNumberOfMessagesPerSecond: Int? = nil,
        failureReason: String? = nil
    ) {
        self.taskHandle = taskHandle
        self.status = status
        self.sourceARN = sourceARN
        self.destinationARN = destinationARN
        self.startedTimestamp = startedTimestamp
        self.approximateNumberOfMessagesMoved = approximateNumberOfMessagesMoved
        self.approximateNumberOfMessagesToMove = approximateNumberOfMessagesToMove
        self.maxNumberOfMessagesPerSecond = maxNumberOfMessagesPerSecond
        self.failureReason = failureReason
    }

    enum CodingKeys: String, CodingKey {
        case taskHandle = "TaskHandle"
        case status = "Status"
        case sourceARN = "SourceArn"
        case destinationARN = "DestinationArn"
        case startedTimestamp = "StartedTimestamp"
        case approximateNumberOfMessagesMoved = "ApproximateNumberOfMessagesMoved"
        case approximateNumberOfMessagesToMove = "ApproximateNumberOfMessagesToMove"
        case maxNumberOfMessagesPerSecond = "MaxNumberOfMessagesPerSecond"
        case failureReason = "FailureReason"
    }
}
