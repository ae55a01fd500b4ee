/// What a function returns for an SQS batch when the event source mapping has `ReportBatchItemFailures`: the
/// message ids that failed. An empty list means the whole batch succeeded.
public struct SQSBatchResponse: Codable, Sendable, Equatable {
    public var batchItemFailures: [BatchItemFailure]

    public init(batchItemFailures: [BatchItemFailure] = []) {
        self.batchItemFailures = batchItemFailures
    }

    /// A response naming the given message ids as failed.
    public init(failedMessageIds: some Sequence<String>) {
        self.batchItemFailures = failedMessageIds.map(BatchItemFailure.init(itemIdentifier:))
    }

    public struct BatchItemFailure: Codable, Sendable, Equatable, Hashable {
        /// The `messageId` of the failed record.
        public var itemIdentifier: String

        public init(itemIdentifier: String) {
            self.itemIdentifier = itemIdentifier
        }
    }
}
