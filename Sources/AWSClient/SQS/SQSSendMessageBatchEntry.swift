/// One message of a SendMessageBatch call. `id` is unique within the batch (up to 80 of `A-Z a-z 0-9 - _`).
public struct SQSSendMessageBatchEntry: Codable, Sendable, Equatable {
    public var id: String
    public var body: String
    public var attributes: [String: SQSMessageAttributeValue]?
    /// `AWSTraceHeader` (the X-Ray trace header) is the only system attribute SQS accepts.
    public var systemAttributes: [String: SQSMessageAttributeValue]?
    public var delaySeconds: Int?
    public var messageGroupID: String?
    public var messageDeduplicationID: String?

    public init(
        id: String,
        body: String,
        attributes: [String: SQSMessageAttributeValue] = [:],
        systemAttributes: [String: SQSMessageAttributeValue] = [:],
        delaySeconds: Int? = nil,
        messageGroupID: String? = nil,
        messageDeduplicationID: String? = nil
    ) {
        self.id = id
        self.body = body
        self.attributes = attributes.isEmpty ? nil : attributes
        self.systemAttributes = systemAttributes.isEmpty ? nil : systemAttributes
        self.delaySeconds = delaySeconds
        self.messageGroupID = messageGroupID
        self.messageDeduplicationID = messageDeduplicationID
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case body = "MessageBody"
        case attributes = "MessageAttributes"
        case systemAttributes = "MessageSystemAttributes"
        case delaySeconds = "DelaySeconds"
        case messageGroupID = "MessageGroupId"
        case messageDeduplicationID = "MessageDeduplicationId"
    }
}
