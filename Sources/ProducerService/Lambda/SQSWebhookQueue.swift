import AWSClient
import ServiceSupport

/// `WebhookQueue` over SQS: `SendMessage` to the configured queue with string message attributes.
public struct SQSWebhookQueue: WebhookQueue {
    let client: SQSClient
    let queueURL: String

    public init(client: SQSClient, queueURL: String) {
        self.client = client
        self.queueURL = queueURL
    }

    public func enqueue(body: String, attributes: [String: String], deadline: Deadline) async throws -> String {
        let result = try await client.sendMessage(
            queueURL: queueURL,
            body: body,
            attributes: attributes.mapValues { .string($0) },
            deadline: AWSDeadline.at(deadline.date)
        )
        return result.messageID
    }
}
