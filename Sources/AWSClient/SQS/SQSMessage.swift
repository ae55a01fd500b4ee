/// A message ReceiveMessage returned, after its body checksum (and attribute checksum, when attributes came
/// back) was verified.
public struct SQSMessage: Codable, Sendable, Equatable {
    public var messageID: String
    public var receiptHandle: String
    public var body: String
    public var md5OfBody: String
    /// System attributes asked for (`ApproximateReceiveCount`, `SentTimestamp`, `AWSTraceHeader` …).
    public var attributes: [String: String]
    public var messageAttributes: [String: SQSMessageAttributeValue]
    public var md5OfMessageAttributes: String?

    public init(
        messageID: String,
        receiptHandle: String,
        body: String,
        md5OfBody: String,
        attributes: [String: String] = [:],
        messageAttributes: [String: SQSMessageAttributeValue] = [:],
        md5OfMessageAttributes: String? = nil
    ) {
        self.messageID = messageID
        self.receiptHandle = receiptHandle
        self.body = body
        self.md5OfBody = md5OfBody
        self.attributes = attributes
        self.messageAttributes = messageAttributes
        self.md5OfMessageAttributes = md5OfMessageAttributes
    }

    enum CodingKeys: String, CodingKey {
        case messageID = "MessageId"
        case receiptHandle = "ReceiptHandle"
        case body = "Body"
        case md5OfBody = "MD5OfBody"
        case attributes = "Attributes"
        case messageAttributes = "MessageAttributes"
        case md5OfMessageAttributes = "MD5OfMessageAttributes"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messageID = try container.decode(String.self, forKey: .messageID)
        receiptHandle = try container.decode(String.self, forKey: .receiptHandle)
        body = try container.decode(String.self, forKey: .body)
        md5OfBody = try container.decode(String.self, forKey: .md5OfBody)
        attributes = try container.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        messageAttributes =
            try container.decodeIfPresent([String: SQSMessageAttributeValue].self, forKey: .messageAttributes) ?? [:]
        md5OfMessageAttributes = try container.decodeIfPresent(String.self, forKey: .md5OfMessageAttributes)
    }
}
