import AWSClient
import Foundation

/// One message in a queue, with everything SQS remembers about it. Times are epoch milliseconds on the
/// emulator's clock.
package struct SQSStoredMessage: Sendable, Equatable {
    package var id: String
    package var body: String
    package var messageAttributes: [String: SQSMessageAttributeValue]
    /// `AWSTraceHeader`, the one settable system attribute.
    package var traceHeader: String?
    package var sentAt: Int64
    /// Order of arrival in its queue.
    package var sequence: Int64
    /// When it may next be received: the send time plus delay, or the end of its visibility timeout.
    package var visibleAt: Int64
    package var receiveCount: Int
    package var firstReceiveAt: Int64?
    /// The random part of the latest receipt handle; `nil` until first received.
    package var receiptToken: String?
    package var senderId: String
    package var groupId: String?
    package var deduplicationId: String?
    /// FIFO sequence number (20 digits).
    package var sequenceNumber: String?
    package var deadLetterSourceArn: String?
    /// Bumped whenever `visibleAt` is rescheduled, so stale schedule entries are recognised.
    package var version: Int = 0

    package init(
        id: String,
        body: String,
        messageAttributes: [String: SQSMessageAttributeValue] = [:],
        traceHeader: String? = nil,
        sentAt: Int64,
        sequence: Int64,
        visibleAt: Int64,
        senderId: String,
        groupId: String? = nil,
        deduplicationId: String? = nil,
        sequenceNumber: String? = nil
    ) {
        self.id = id
        self.body = body
        self.messageAttributes = messageAttributes
        self.traceHeader = traceHeader
        self.sentAt = sentAt
        self.sequence = sequence
        self.visibleAt = visibleAt
        self.receiveCount = 0
        self.firstReceiveAt = nil
        self.receiptToken = nil
        self.senderId = senderId
        self.groupId = groupId
        self.deduplicationId = deduplicationId
        self.sequenceNumber = sequenceNumber
    }

    package var md5OfBody: String { SQSChecksum.body(body) }
    package var md5OfMessageAttributes: String? { SQSChecksum.attributes(messageAttributes) }

    /// In flight: received and its visibility timeout not yet over.
    package func isInFlight(at now: Int64) -> Bool { receiveCount > 0 && visibleAt > now }
    /// Delayed: never received and its delay not yet over.
    package func isDelayed(at now: Int64) -> Bool { receiveCount == 0 && visibleAt > now }
    package func isVisible(at now: Int64) -> Bool { visibleAt <= now }

    /// The receipt handle of the latest receive.
    package var receiptHandle: String? {
        receiptToken.map { SQSReceiptHandle(messageID: id, token: $0).encoded }
    }
}

/// A receipt handle: which message, and which receive of it. Opaque to clients (base64 of both parts).
package struct SQSReceiptHandle: Sendable, Equatable {
    package var messageID: String
    package var token: String

    package init(messageID: String, token: String) {
        self.messageID = messageID
        self.token = token
    }

    package var encoded: String {
        Data("\(messageID) \(token)".utf8).base64EncodedString()
    }

    /// `nil` when `text` is not a handle this emulator issued.
    package init?(_ text: String) {
        guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) else {
            return nil
        }
        let parts = decoded.split(separator: " ")
        guard parts.count == 2, parts[0].count == 36, !parts[1].isEmpty else { return nil }
        self.init(messageID: String(parts[0]), token: String(parts[1]))
    }
}
