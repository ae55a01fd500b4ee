import AWSClient
import Foundation

/// One message to push through the local stack again: a body and its message attributes exactly as in
/// production, where it came from, and what of the original could not be carried over.
package struct ReplayMessage: Sendable, Equatable {
    package var body: String
    package var attributes: [String: SQSMessageAttributeValue]
    /// Where it came from, for the output: `dlq.json: message 1 (id 5fea7756-…)`.
    package var source: String
    /// System attributes `SendMessage` can set again (`AWSTraceHeader`).
    package var systemAttributes: [String: SQSMessageAttributeValue] = [:]
    /// System attributes of the dump that no API can restore (`ApproximateReceiveCount`, `SentTimestamp`,
    /// `DeadLetterQueueSourceArn` …): the replayed message is a new message with a new id and receive count 0.
    package var unrestorable: [String: String] = [:]
    /// The original message id, when the input had one.
    package var originalMessageID: String?
    /// The FIFO group of the original, used when the target queue is FIFO.
    package var messageGroupID: String?
    /// For a producer log line: the webhook delivery exactly as Sentry sent it (to replay through the webhook URL).
    package var delivery: ReplayDelivery?
    /// Things the person replaying should know (an edited body, what the producer logged as the reason).
    package var notes: [String] = []

    package init(
        body: String,
        attributes: [String: SQSMessageAttributeValue] = [:],
        source: String,
        systemAttributes: [String: SQSMessageAttributeValue] = [:],
        unrestorable: [String: String] = [:],
        originalMessageID: String? = nil,
        messageGroupID: String? = nil,
        delivery: ReplayDelivery? = nil,
        notes: [String] = []
    ) {
        self.body = body
        self.attributes = attributes
        self.source = source
        self.systemAttributes = systemAttributes
        self.unrestorable = unrestorable
        self.originalMessageID = originalMessageID
        self.messageGroupID = messageGroupID
        self.delivery = delivery
        self.notes = notes
    }
}

/// A webhook as Sentry delivered it: the raw body bytes and the headers the producer logged.
package struct ReplayDelivery: Sendable, Equatable {
    /// Lower-case header names (`sentry-hook-resource`, `request-id`, `sentry-hook-timestamp`,
    /// `sentry-hook-signature`, `content-type`).
    package var headers: [String: String]
    package var rawBody: [UInt8]

    package init(headers: [String: String], rawBody: [UInt8]) {
        self.headers = headers
        self.rawBody = rawBody
    }
}
