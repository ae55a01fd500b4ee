import Foundation

/// The SQS engine's hooks into the message event log: one call per lifecycle point, so the engine's own files
/// stay about SQS.
extension SQSService {
    func recordSend(queue: String, _ message: SQSStoredMessage, _ request: SQSQueue.SendRequest) {
        events.recordSent(
            queue: queue,
            messageID: message.id,
            body: request.body,
            time: nowMillis,
            by: request.senderID
        )
    }

    /// A receive: each delivered message with its receive count, each one moved to the dead-letter queue.
    func recordReceive(queue: String, _ outcome: SQSQueue.ReceiveOutcome, deadLetterQueue: String?, now: Int64) {
        for message in outcome.delivered {
            events.record(
                .received,
                queue: queue,
                messageID: message.id,
                time: now,
                details: ["receiveCount": String(message.receiveCount)]
            )
        }
        guard let deadLetterQueue else { return }
        for message in outcome.deadLettered {
            events.record(
                .movedToDLQ,
                queue: queue,
                messageID: message.id,
                time: now,
                details: ["target": deadLetterQueue, "receiveCount": String(message.receiveCount)]
            )
        }
    }

    func recordVisibilityChange(queue: String, _ message: SQSStoredMessage, timeout: Int) {
        events.record(
            .visibilityChanged,
            queue: queue,
            messageID: message.id,
            time: nowMillis,
            details: ["visibilityTimeout": String(timeout), "visibleAt": String(message.visibleAt)]
        )
    }

    func recordRedrive(from source: String, _ messageID: String, to target: String, as newID: String, now: Int64) {
        events.record(
            .redriven,
            queue: source,
            messageID: messageID,
            time: now,
            details: ["target": target, "newMessageId": newID]
        )
    }
}
