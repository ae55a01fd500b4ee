import Foundation
import Logging

/// Amazon SQS over the JSON 1.0 protocol (`X-Amz-Target: AmazonSQS.<Operation>`), as current SDKs speak it:
/// every request goes to the configured SQS endpoint with the queue URL in the body.
///
/// Checksums are verified as the SDKs do: on SendMessage and SendMessageBatch the returned `MD5OfMessageBody`
/// (and `MD5OfMessageAttributes` when attributes were sent) must match what was sent; on ReceiveMessage each
/// message's `MD5OfBody` (and `MD5OfMessageAttributes` when attributes came back) must match what arrived. A
/// mismatch throws `AWSClientError` with code `.checksumMismatch`.
///
/// Every call takes a `deadline`; see `AWSJSONClient` for the errors a call throws.
public struct SQSClient: Sendable {
    public var client: AWSJSONClient

    public init(
        configuration: AWSConfiguration,
        transport: any HTTPTransport,
        logger: Logger,
        options: AWSClientOptions = AWSClientOptions()
    ) {
        client = AWSJSONClient(
            service: .sqs,
            jsonVersion: "1.0",
            targetPrefix: "AmazonSQS",
            configuration: configuration,
            transport: transport,
            logger: logger,
            options: options
        )
    }

    // MARK: Sending

    /// Sends one message. `delaySeconds` is 0…900; `messageGroupID`/`messageDeduplicationID` are for FIFO queues;
    /// `systemAttributes` may carry `AWSTraceHeader` (use `SQSClient.traceHeader(_:)`).
    public func sendMessage(
        queueURL: String,
        body: String,
        attributes: [String: SQSMessageAttributeValue] = [:],
        systemAttributes: [String: SQSMessageAttributeValue] = [:],
        delaySeconds: Int? = nil,
        messageGroupID: String? = nil,
        messageDeduplicationID: String? = nil,
        deadline: ContinuousClock.Instant
    ) async throws -> SQSSendMessageResult {
        let input = SQSRequests.SendMessage(
            queueURL: queueURL,
            messageBody: body,
            delaySeconds: delaySeconds,
            messageAttributes: attributes.isEmpty ? nil : attributes,
            messageSystemAttributes: systemAttributes.isEmpty ? nil : systemAttributes,
            messageDeduplicationID: messageDeduplicationID,
            messageGroupID: messageGroupID
        )
        let result = try await client.call("SendMessage", input, output: SQSSendMessageResult.self, deadline: deadline)
        try Self.verifySent(
            body: body,
            attributes: attributes,
            systemAttributes: systemAttributes,
            md5OfBody: result.md5OfMessageBody,
            md5OfAttributes: result.md5OfMessageAttributes,
            md5OfSystemAttributes: result.md5OfMessageSystemAttributes,
            what: "SendMessage of message \(result.messageID)"
        )
        return result
    }

    /// Sends up to ten messages. Entries SQS refused are in `failed`; a checksum mismatch on any entry that
    /// succeeded throws, as the SDKs do.
    public func sendMessageBatch(
        queueURL: String,
        entries: [SQSSendMessageBatchEntry],
        deadline: ContinuousClock.Instant
    ) async throws -> SQSSendMessageBatchResult {
        let result = try await client.call(
            "SendMessageBatch",
            SQSRequests.SendMessageBatch(queueURL: queueURL, entries: entries),
            output: SQSSendMessageBatchResult.self,
            deadline: deadline
        )
        let sent = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in result.successful {
            guard let original = sent[entry.id] else {
                throw AWSClientError(
                    .invalidResponse,
                    "sqs SendMessageBatch: the response names entry '\(entry.id)', which was not sent"
                )
            }
            try Self.verifySent(
                body: original.body,
                attributes: original.attributes ?? [:],
                systemAttributes: original.systemAttributes ?? [:],
                md5OfBody: entry.md5OfMessageBody,
                md5OfAttributes: entry.md5OfMessageAttributes,
                md5OfSystemAttributes: entry.md5OfMessageSystemAttributes,
                what: "SendMessageBatch entry '\(entry.id)' (message \(entry.messageID))"
            )
        }
        return result
    }

    /// The system attributes that carry an X-Ray trace header (`Root=1-…;Parent=…;Sampled=1`), as Lambda's
    /// `_X_AMZN_TRACE_ID` gives it.
    public static func traceHeader(_ value: String) -> [String: SQSMessageAttributeValue] {
        ["AWSTraceHeader": .string(value)]
    }

    // MARK: Receiving

    /// Receives up to `maxNumberOfMessages` (1…10) messages, long-polling for `waitTimeSeconds` (0…20) when given.
    /// The HTTP attempt may take the wait plus the usual attempt timeout (still bounded by `deadline`).
    public func receiveMessage(
        queueURL: String,
        maxNumberOfMessages: Int? = nil,
        visibilityTimeout: Int? = nil,
        waitTimeSeconds: Int? = nil,
        attributeNames: [String] = [],
        messageSystemAttributeNames: [String] = [],
        messageAttributeNames: [String] = [],
        receiveRequestAttemptID: String? = nil,
        deadline: ContinuousClock.Instant
    ) async throws -> [SQSMessage] {
        let input = SQSRequests.ReceiveMessage(
            queueURL: queueURL,
            attributeNames: attributeNames.isEmpty ? nil : attributeNames,
            messageSystemAttributeNames: messageSystemAttributeNames.isEmpty ? nil : messageSystemAttributeNames,
            messageAttributeNames: messageAttributeNames.isEmpty ? nil : messageAttributeNames,
            maxNumberOfMessages: maxNumberOfMessages,
            visibilityTimeout: visibilityTimeout,
            waitTimeSeconds: waitTimeSeconds,
            receiveRequestAttemptID: receiveRequestAttemptID
        )
        let result = try await client.call(
            "ReceiveMessage",
            input,
            output: SQSRequests.ReceiveMessageResult.self,
            deadline: deadline,
            extraAttemptTime: .seconds(max(0, waitTimeSeconds ?? 0))
        )
        let messages = result.messages ?? []
        for message in messages {
            try Self.verifyReceived(message)
        }
        return messages
    }

    // MARK: Deleting and visibility

    public func deleteMessage(queueURL: String, receiptHandle: String, deadline: ContinuousClock.Instant) async throws {
        _ = try await client.call(
            "DeleteMessage",
            SQSRequests.DeleteMessage(queueURL: queueURL, receiptHandle: receiptHandle),
            output: SQSRequests.Empty.self,
            deadline: deadline
        )
    }

    public func deleteMessageBatch(
        queueURL: String,
        entries: [SQSDeleteMessageBatchEntry],
        deadline: ContinuousClock.Instant
    ) async throws -> SQSBatchResult {
        try await client.call(
            "DeleteMessageBatch",
            SQSRequests.DeleteMessageBatch(queueURL: queueURL, entries: entries),
            output: SQSBatchResult.self,
            deadline: deadline
        )
    }

    /// Sets the visibility timeout (0…43200 s) of a received message; 0 makes it visible again at once.
    public func changeMessageVisibility(
        queueURL: String,
        receiptHandle: String,
        visibilityTimeout: Int,
        deadline: ContinuousClock.Instant
    ) async throws {
        _ = try await client.call(
            "ChangeMessageVisibility",
            SQSRequests.ChangeMessageVisibility(
                queueURL: queueURL,
                receiptHandle: receiptHandle,
                visibilityTimeout: visibilityTimeout
            ),
            output: SQSRequests.Empty.self,
            deadline: deadline
        )
    }

    public func changeMessageVisibilityBatch(
        queueURL: String,
        entries: [SQSChangeMessageVisibilityBatchEntry],
        deadline: ContinuousClock.Instant
    ) async throws -> SQSBatchResult {
        try await client.call(
            "ChangeMessageVisibilityBatch",
            SQSRequests.ChangeMessageVisibilityBatch(queueURL: queueURL, entries: entries),
            output: SQSBatchResult.self,
            deadline: deadline
        )
    }

    // MARK: Queues

    /// The URL of the queue called `queueName` (of another account when `ownerAccountID` is given).
    public func getQueueURL(
        queueName: String,
        ownerAccountID: String? = nil,
        deadline: ContinuousClock.Instant
    ) async throws -> String {
        try await client.call(
            "GetQueueUrl",
            SQSRequests.GetQueueURL(queueName: queueName, queueOwnerAWSAccountID: ownerAccountID),
            output: SQSRequests.GetQueueURLResult.self,
            deadline: deadline
        ).queueURL
    }

    /// The queue's attributes (`ApproximateNumberOfMessages`, `VisibilityTimeout`, `RedrivePolicy` …).
    public func getQueueAttributes(
        queueURL: String,
        attributeNames: [String] = ["All"],
        deadline: ContinuousClock.Instant
    ) async throws -> [String: String] {
        try await client.call(
            "GetQueueAttributes",
            SQSRequests.GetQueueAttributes(
                queueURL: queueURL,
                attributeNames: attributeNames.isEmpty ? nil : attributeNames
            ),
            output: SQSRequests.GetQueueAttributesResult.self,
            deadline: deadline
        ).attributes ?? [:]
    }
}
