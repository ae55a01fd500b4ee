/// One entry of a ChangeMessageVisibilityBatch call.
public struct SQSChangeMessageVisibilityBatchEntry: Codable, Sendable, Equatable {
    public var id: String
    public var receiptHandle: String
    public var visibilityTimeout: Int

    public init(id: String, receiptHandle: String, visibilityTimeout: Int) {
        self.id = id
        self.receiptHandle = receiptHandle
        self.visibilityTimeout = visibilityTimeout
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case receiptHandle = "ReceiptHandle"
        case visibilityTimeout = "VisibilityTimeout"
    }
}
