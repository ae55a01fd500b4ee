import Foundation

/// One point in an SQS message's life as the emulator saw it: sent, received (with its receive count), handed
/// to an invocation by an event source mapping, failed there (and why), its visibility changed, deleted, moved to
/// the dead-letter queue, re-driven (under a new message id). The dashboard's timeline and `/_devstack/events`
/// are made of these.
package struct MessageEvent: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        case sent
        case received
        /// An event source mapping gave the message to an invocation (`requestId`).
        case invoked
        /// The invocation that had it did not succeed for it (`reason`): a batch item failure, a function error,
        /// an invalid batch response.
        case failed
        case visibilityChanged
        case deleted
        /// SQS moved it to the dead-letter queue (`target`) during a receive after `maxReceiveCount` receives.
        case movedToDLQ
        /// A message move task sent it back (`target`) as a new message (`newMessageId`).
        case redriven
    }

    /// Increases by one per recorded event, from 1.
    package var sequence: Int
    /// The emulator's clock (virtual or real), milliseconds since the epoch.
    package var time: Int64
    package var kind: Kind
    package var queue: String
    package var messageID: String
    /// What else is known, by kind: `by` (sender), `receiveCount`, `requestId`, `function`, `reason`,
    /// `visibilityTimeout`, `target`, `newMessageId`.
    package var details: [String: String]

    package init(
        sequence: Int = 0,
        time: Int64,
        kind: Kind,
        queue: String,
        messageID: String,
        details: [String: String] = [:]
    ) {
        self.sequence = sequence
        self.time = time
        self.kind = kind
        self.queue = queue
        self.messageID = messageID
        self.details = details
    }

    /// The control API's JSON.
    package var json: [String: Any] {
        [
            "seq": sequence, "time": time, "kind": kind.rawValue, "queue": queue, "messageId": messageID,
            "details": details,
        ]
    }
}
