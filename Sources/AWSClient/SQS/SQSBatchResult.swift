/// What DeleteMessageBatch and ChangeMessageVisibilityBatch return: the ids that succeeded and the entries
/// that failed.
public struct SQSBatchResult: Codable, Sendable, Equatable {
    public var successful: [String]
    public var failed: [SQSBatchResultErrorEntry]

    public init(successful: [String], failed: [SQSBatchResultErrorEntry]) {
        self.successful = successful
        self.failed = failed
    }

    enum CodingKeys: String, CodingKey {
        case successful = "Successful"
        case failed = "Failed"
    }

    private struct SuccessEntry: Codable {
        var id: String
        enum CodingKeys: String, CodingKey { case id = "Id" }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        successful = (try container.decodeIfPresent([SuccessEntry].self, forKey: .successful) ?? []).map(\.id)
        failed = try container.decodeIfPresent([SQSBatchResultErrorEntry].self, forKey: .failed) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(successful.map { SuccessEntry(id: $0) }, forKey: .successful)
        try container.encode(failed, forKey: .failed)
    }
}
