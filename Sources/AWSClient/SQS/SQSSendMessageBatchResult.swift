/// What SendMessageBatch returns: the entries enqueued and those that failed. Every entry sent is in one list.
public struct SQSSendMessageBatchResult: Codable, Sendable, Equatable {
    public var successful: [SQSSendMessageBatchResultEntry]
    public var failed: [SQSBatchResultErrorEntry]

    public init(successful: [SQSSendMessageBatchResultEntry], failed: [SQSBatchResultErrorEntry]) {
        self.successful = successful
        self.failed = failed
    }

    enum CodingKeys: String, CodingKey {
        case successful = "Successful"
        case failed = "Failed"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        successful = try container.decodeIfPresent([SQSSendMessageBatchResultEntry].self, forKey: .successful) ?? []
        failed = try container.decodeIfPresent([SQSBatchResultErrorEntry].self, forKey: .failed) ?? []
    }
}
