/// What SendMessage returns, after its checksums were verified.
public struct SQSSendMessageResult: Codable, Sendable, Equatable {
    public var messageID: String
    public var md5OfMessageBody: String
    public var md5OfMessageAttributes: String?
    public var md5OfMessageSystemAttributes: String?
    /// FIFO queues only.
    public var sequenceNumber: String?

    public init(
        messageID: String,
        md5OfMessageBody: String,
        md5OfMessageAttributes: String? = nil,
        md5OfMessageSystemAttributes: String? = nil,
        sequenceNumber: String? = nil
    ) {
        self.messageID = messageID
        self.md5OfMessageBody = md5OfMessageBody
        self.md5OfMessageAttributes = md5OfMessageAttributes
        self.md5OfMessageSystemAttributes = md5OfMessageSystemAttributes
        self.sequenceNumber = sequenceNumber
    }

    enum CodingKeys: String, CodingKey {
        case messageID = "MessageId"
        case md5OfMessageBody = "MD5OfMessageBody"
        case md5OfMessageAttributes = "MD5OfMessageAttributes"
        case md5OfMessageSystemAttributes = "MD5OfMessageSystemAttributes"
        case sequenceNumber = "SequenceNumber"
    }
}
