import AWSClient

/// `VisibilityExtender` over SQS: `ChangeMessageVisibility` on the source queue, so a rate-limited record comes
/// back when Asana's `Retry-After` has passed instead of after the queue's visibility timeout.
public struct SQSVisibilityExtender: VisibilityExtender {
    let client: SQSClient
    let queueURL: String
    let timeout: Duration

    public init(client: SQSClient, queueURL: String, timeout: Duration = .seconds(5)) {
        self.client = client
        self.queueURL = queueURL
        self.timeout = timeout
    }

    public func extendVisibility(of record: ConsumerRecord, to seconds: Int) async throws {
        try await client.changeMessageVisibility(
            queueURL: queueURL,
            receiptHandle: record.receiptHandle,
            visibilityTimeout: min(max(seconds, 0), 43_200),
            deadline: AWSDeadline.after(timeout)
        )
    }
}
