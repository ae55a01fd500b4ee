import AWSClient
import Foundation

/// The queue side of an SQS event source mapping: what the emulator's SQS engine implements so that a mapping
/// polls it exactly as Lambda's pollers poll SQS (receive with a visibility timeout and a long-poll wait, delete
/// by receipt handle).
package protocol MappingQueue: Sendable {
    /// ReceiveMessage with `MaxNumberOfMessages` = `max` (1–10), `VisibilityTimeout` = `visibility` seconds,
    /// `WaitTimeSeconds` = `wait` (0–20), all system attributes and all message attributes.
    func receive(max: Int, visibility: Int, wait: Int) async throws -> [MappingQueueMessage]
    /// DeleteMessageBatch; handles that are stale are ignored, as SQS does.
    func delete(receiptHandles: [String]) async throws
    /// ChangeMessageVisibility for each handle.
    func changeVisibility(receiptHandles: [String], timeout: Int) async throws
    /// The queue's `VisibilityTimeout` attribute, in seconds.
    func visibilityTimeout() async throws -> Int
}

/// One received message, with what an SQS event record carries.
package struct MappingQueueMessage: Sendable, Equatable {
    package var messageID: String
    package var receiptHandle: String
    package var body: String
    /// System attributes: `ApproximateReceiveCount`, `SentTimestamp`, `SenderId`,
    /// `ApproximateFirstReceiveTimestamp` (and for FIFO `MessageGroupId`, `SequenceNumber`, …).
    package var attributes: [String: String]
    package var messageAttributes: [String: SQSMessageAttributeValue]
    package var md5OfBody: String
    package var md5OfMessageAttributes: String?

    package init(
        messageID: String,
        receiptHandle: String,
        body: String,
        attributes: [String: String] = [:],
        messageAttributes: [String: SQSMessageAttributeValue] = [:],
        md5OfBody: String? = nil,
        md5OfMessageAttributes: String? = nil
    ) {
        self.messageID = messageID
        self.receiptHandle = receiptHandle
        self.body = body
        self.attributes = attributes
        self.messageAttributes = messageAttributes
        self.md5OfBody = md5OfBody ?? SQSChecksum.body(body)
        self.md5OfMessageAttributes = md5OfMessageAttributes ?? SQSChecksum.attributes(messageAttributes)
    }
}
