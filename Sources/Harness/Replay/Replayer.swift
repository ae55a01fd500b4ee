import AWSClient
import Foundation

/// Pushes replayed messages into a queue of the local stack with `SendMessage`, one at a time and in order,
/// keeping each message's body and message attributes (and `AWSTraceHeader`) exactly.
///
/// A replayed message is a new message: a new id, receive count 0, sent now. The original's system attributes
/// (`ApproximateReceiveCount`, `SentTimestamp`, …) cannot be restored through any SQS API.
package struct Replayer: Sendable {
    let sqs: SQSClient
    let timeout: Duration

    package init(sqs: SQSClient, timeout: Duration = .seconds(10)) {
        self.sqs = sqs
        self.timeout = timeout
    }

    /// Sends every message; returns the new message ids in order. When the stack refuses one, throws
    /// `ReplayError(.sendFailed)` naming it and the ids of those already sent (nothing is silently dropped).
    package func push(_ messages: [ReplayMessage], queueURL: String) async throws -> [String] {
        let fifo = queueURL.hasSuffix(".fifo")
        var ids: [String] = []
        for (index, message) in messages.enumerated() {
            do {
                let result = try await sqs.sendMessage(
                    queueURL: queueURL,
                    body: message.body,
                    attributes: message.attributes,
                    systemAttributes: message.systemAttributes,
                    messageGroupID: fifo ? (message.messageGroupID ?? "replay") : nil,
                    messageDeduplicationID: fifo ? UUID().uuidString : nil,
                    deadline: AWSDeadline.after(timeout)
                )
                ids.append(result.messageID)
            } catch {
                let sent = ids.isEmpty ? "none was sent" : "sent before it: \(ids.joined(separator: ", "))"
                throw ReplayError(
                    .sendFailed,
                    file: message.source,
                    "SendMessage \(index + 1) of \(messages.count) to \(queueURL) failed: \(error); \(sent)"
                )
            }
        }
        return ids
    }

    /// The URL of the queue called `name` (`GetQueueUrl`), so `--queue NAME` works against any endpoint.
    package func queueURL(named name: String) async throws -> String {
        try await sqs.getQueueURL(queueName: name, deadline: AWSDeadline.after(timeout))
    }
}
