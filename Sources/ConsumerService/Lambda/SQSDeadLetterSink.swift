import AWSClient

/// `DeadLetterSink` over SQS: the poison record's body goes unchanged to the DLQ, with its reason and origin as
/// message attributes, so `devstack dlq list` and a person reading the DLQ see why without the logs.
public struct SQSDeadLetterSink: DeadLetterSink {
    let client: SQSClient
    let queueURL: String
    let timeout: Duration

    public init(client: SQSClient, queueURL: String, timeout: Duration = .seconds(5)) {
        self.client = client
        self.queueURL = queueURL
        self.timeout = timeout
    }

    public func deadLetter(_ record: ConsumerRecord, reason: String) async throws {
        var attributes: [String: SQSMessageAttributeValue] = [
            "DeadLetterReason": .string(String(reason.prefix(1_000))),
            "OriginalMessageId": .string(record.messageID),
            "OriginalReceiveCount": .number(String(record.receiveCount)),
        ]
        for (name, value) in record.attributes where attributes[name] == nil && attributes.count < 10 {
            attributes[name] = .string(value)
        }
        _ = try await client.sendMessage(
            queueURL: queueURL,
            body: record.body,
            attributes: attributes,
            deadline: AWSDeadline.after(timeout)
        )
    }
}
