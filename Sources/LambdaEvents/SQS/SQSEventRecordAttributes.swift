import Foundation

/// The SQS system attributes of a record (`attributes`): every value is a string on the wire, keys are
/// capitalised (`ApproximateReceiveCount`, `SentTimestamp`, ...). Attributes this type does not name are kept in
/// `other` so that decoding and encoding again loses nothing.
public struct SQSEventRecordAttributes: Codable, Sendable, Equatable {
    public var approximateReceiveCount: String
    /// Milliseconds since the Unix epoch, as a decimal string.
    public var sentTimestamp: String
    public var senderId: String
    /// Milliseconds since the Unix epoch, as a decimal string.
    public var approximateFirstReceiveTimestamp: String
    public var messageGroupId: String?
    public var messageDeduplicationId: String?
    public var sequenceNumber: String?
    public var awsTraceHeader: String?
    public var deadLetterQueueSourceArn: String?
    /// Attributes Lambda sent that have no property here, by their wire name.
    public var other: [String: String]

    public init(
        approximateReceiveCount: String,
        sentTimestamp: String,
        senderId: String,
        approximateFirstReceiveTimestamp: String,
        messageGroupId: String? = nil,
        messageDeduplicationId: String? = nil,
        sequenceNumber: String? = nil,
        awsTraceHeader: String? = nil,
        deadLetterQueueSourceArn: String? = nil,
        other: [String: String] = [:]
    ) {
        self.approximateReceiveCount = approximateReceiveCount
        self.sentTimestamp = sentTimestamp
        self.senderId = senderId
        self.approximateFirstReceiveTimestamp = approximateFirstReceiveTimestamp
        self.messageGroupId = messageGroupId
        self.messageDeduplicationId = messageDeduplicationId
        self.sequenceNumber = sequenceNumber
        self.awsTraceHeader = awsTraceHeader
        self.deadLetterQueueSourceArn = deadLetterQueueSourceArn
        self.other = other
    }

    /// `ApproximateReceiveCount` as a number, nil when it is not a decimal integer.
    public var receiveCount: Int? { Int(approximateReceiveCount) }

    /// `SentTimestamp` as a date, nil when it is not a decimal integer.
    public var sentDate: Date? { Self.date(fromMilliseconds: sentTimestamp) }

    /// `ApproximateFirstReceiveTimestamp` as a date, nil when it is not a decimal integer.
    public var firstReceiveDate: Date? { Self.date(fromMilliseconds: approximateFirstReceiveTimestamp) }

    static func date(fromMilliseconds text: String) -> Date? {
        guard let milliseconds = Int64(text) else { return nil }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    static let approximateReceiveCountKey = "ApproximateReceiveCount"
    static let sentTimestampKey = "SentTimestamp"
    static let senderIdKey = "SenderId"
    static let approximateFirstReceiveTimestampKey = "ApproximateFirstReceiveTimestamp"
    static let messageGroupIdKey = "MessageGroupId"
    static let messageDeduplicationIdKey = "MessageDeduplicationId"
    static let sequenceNumberKey = "SequenceNumber"
    static let awsTraceHeaderKey = "AWSTraceHeader"
    static let deadLetterQueueSourceArnKey = "DeadLetterQueueSourceArn"

    static let namedKeys: Set<String> = [
        approximateReceiveCountKey, sentTimestampKey, senderIdKey, approximateFirstReceiveTimestampKey,
        messageGroupIdKey, messageDeduplicationIdKey, sequenceNumberKey, awsTraceHeaderKey,
        deadLetterQueueSourceArnKey,
    ]

    public init(from decoder: any Decoder) throws {
        var values = try decoder.singleValueContainer().decode([String: String].self)
        func required(_ key: String) throws -> String {
            guard let value = values.removeValue(forKey: key) else {
                throw DecodingError.keyNotFound(
                    AnyCodingKey(key),
                    .init(codingPath: decoder.codingPath, debugDescription: "SQS record attribute \(key) is missing")
                )
            }
            return value
        }
        approximateReceiveCount = try required(Self.approximateReceiveCountKey)
        sentTimestamp = try required(Self.sentTimestampKey)
        senderId = try required(Self.senderIdKey)
        approximateFirstReceiveTimestamp = try required(Self.approximateFirstReceiveTimestampKey)
        messageGroupId = values.removeValue(forKey: Self.messageGroupIdKey)
        messageDeduplicationId = values.removeValue(forKey: Self.messageDeduplicationIdKey)
        sequenceNumber = values.removeValue(forKey: Self.sequenceNumberKey)
        awsTraceHeader = values.removeValue(forKey: Self.awsTraceHeaderKey)
        deadLetterQueueSourceArn = values.removeValue(forKey: Self.deadLetterQueueSourceArnKey)
        other = values
    }

    public func encode(to encoder: any Encoder) throws {
        var values = other.filter { !Self.namedKeys.contains($0.key) }
        values[Self.approximateReceiveCountKey] = approximateReceiveCount
        values[Self.sentTimestampKey] = sentTimestamp
        values[Self.senderIdKey] = senderId
        values[Self.approximateFirstReceiveTimestampKey] = approximateFirstReceiveTimestamp
        values[Self.messageGroupIdKey] = messageGroupId
        values[Self.messageDeduplicationIdKey] = messageDeduplicationId
        values[Self.sequenceNumberKey] = sequenceNumber
        values[Self.awsTraceHeaderKey] = awsTraceHeader
        values[Self.deadLetterQueueSourceArnKey] = deadLetterQueueSourceArn
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
