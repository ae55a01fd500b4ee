/// One SQS message inside an `SQSEvent`.
///
/// Lambda always sends `messageAttributes` (an empty object when the message has none) and leaves
/// `md5OfMessageAttributes` out when there are none; decoding also accepts an explicit `null` there.
public struct SQSEventRecord: Codable, Sendable, Equatable {
    /// The value of `eventSource` for every SQS record.
    public static let eventSourceSQS = "aws:sqs"

    public var messageId: String
    public var receiptHandle: String
    public var body: String
    public var attributes: SQSEventRecordAttributes
    public var messageAttributes: [String: SQSEventMessageAttribute]
    public var md5OfBody: String
    public var md5OfMessageAttributes: String?
    public var eventSource: String
    public var eventSourceARN: String
    public var awsRegion: String

    public init(
        messageId: String,
        receiptHandle: String,
        body: String,
        attributes: SQSEventRecordAttributes,
        messageAttributes: [String: SQSEventMessageAttribute] = [:],
        md5OfBody: String,
        md5OfMessageAttributes: String? = nil,
        eventSource: String = SQSEventRecord.eventSourceSQS,
        eventSourceARN: String,
        awsRegion: String
    ) {
        self.messageId = messageId
        self.receiptHandle = receiptHandle
        self.body = body
        self.attributes = attributes
        self.messageAttributes = messageAttributes
        self.md5OfBody = md5OfBody
        self.md5OfMessageAttributes = md5OfMessageAttributes
        self.eventSource = eventSource
        self.eventSourceARN = eventSourceARN
        self.awsRegion = awsRegion
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messageId = try container.decode(String.self, forKey: .messageId)
        receiptHandle = try container.decode(String.self, forKey: .receiptHandle)
        body = try container.decode(String.self, forKey: .body)
        attributes = try container.decode(SQSEventRecordAttributes.self, forKey: .attributes)
        messageAttributes =
            try container.decodeIfPresent([String: SQSEventMessageAttribute].self, forKey: .messageAttributes) ?? [:]
        md5OfBody = try container.decode(String.self, forKey: .md5OfBody)
        md5OfMessageAttributes = try container.decodeIfPresent(String.self, forKey: .md5OfMessageAttributes)
        eventSource = try container.decode(String.self, forKey: .eventSource)
        eventSourceARN = try container.decode(String.self, forKey: .eventSourceARN)
        awsRegion = try container.decode(String.self, forKey: .awsRegion)
    }

    enum CodingKeys: String, CodingKey {
        case messageId, receiptHandle, body, attributes, messageAttributes, md5OfBody, md5OfMessageAttributes
        case eventSource, eventSourceARN, awsRegion
    }
}
