/// One entry of a DeleteMessageBatch call.
public struct SQSDeleteMessageBatchEntry: Codable, Sendable, Equatable {
    public var id: String
    public var receiptHandle: String

    public init(id: String, receiptHandle: String) {
        self.id = id
        self.receiptHandle = receiptHandle
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case receiptHandle = "ReceiptHandle"
    }
}
