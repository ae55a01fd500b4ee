import ServiceSupport

/// What the consumer needs of one SQS record; the bootstrap maps `LambdaEvents`' SQS event onto it.
public struct ConsumerRecord: Sendable, Equatable {
    public var messageID: String
    public var receiptHandle: String
    /// The message body as SQS holds it: the webhook itself, or its encoding when `body_encoding` says so.
    public var body: String
    /// String message attributes (`resource`, `alert_type`, `request_id`, `hook_timestamp`, `body_encoding`).
    public var attributes: [String: String]
    /// `ApproximateReceiveCount`.
    public var receiveCount: Int

    public init(
        messageID: String,
        receiptHandle: String = "",
        body: String,
        attributes: [String: String] = [:],
        receiveCount: Int = 1
    ) {
        self.messageID = messageID
        self.receiptHandle = receiptHandle
        self.body = body
        self.attributes = attributes
        self.receiveCount = receiveCount
    }

    /// The webhook's bytes exactly as the producer verified them: the body decoded per its `body_encoding`
    /// attribute (base64 for a body SQS could not carry as text), else the body's UTF-8.
    public func rawBody() throws(SQSMessageBody.DecodingError) -> [UInt8] {
        try SQSMessageBody.decode(body: body, attributes: attributes)
    }
}

/// How one record ended.
public enum RecordOutcome: Sendable, Equatable {
    /// A new task was created (and linked back).
    case created(taskGID: String)
    /// A task for this delivery already existed; nothing new was created.
    case duplicate(taskGID: String)
    /// Could never succeed: sent to the DLQ with `reason`, reported processed.
    case deadLettered(reason: String)
    /// Failed this time; SQS redelivers it.
    case failed(reason: String)
}

/// The partial-batch answer: exactly the failed records' message ids (`batchItemFailures`).
public struct ConsumerBatchResult: Sendable, Equatable {
    public var failedMessageIDs: [String]
    /// Every record's outcome, by message id.
    public var outcomes: [String: RecordOutcome]

    public init(failedMessageIDs: [String], outcomes: [String: RecordOutcome]) {
        self.failedMessageIDs = failedMessageIDs
        self.outcomes = outcomes
    }
}
