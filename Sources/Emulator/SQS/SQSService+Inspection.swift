import AWSClient
import Foundation

/// Read-only JSON views for `/_devstack/sqs/…` (the CLI and tests): every queue with its counts, and every
/// message with its state, receive count and deadlines.
extension SQSService {
    package func inspectQueues() -> [[String: Any]] {
        locked { state in
            let now = nowMillis
            return state.queues.values.sorted { $0.name < $1.name }.map { summary($0, now: now) }
        }
    }

    package func inspectQueue(_ name: String) -> [String: Any]? {
        locked { state in
            state.queues[name].map { queue in
                var out = summary(queue, now: nowMillis)
                out["attributes"] = queue.attributes
                out["tags"] = queue.tags
                return out
            }
        }
    }

    package func inspectMessages(_ name: String) -> [[String: Any]]? {
        locked { state in
            guard let queue = state.queues[name] else { return nil }
            let now = nowMillis
            return queue.messages.values.sorted { $0.sequence < $1.sequence }.map { message in
                var out: [String: Any] = [
                    "messageId": message.id, "body": message.body, "receiveCount": message.receiveCount,
                    "sentTimestamp": message.sentAt, "visibleAt": message.visibleAt,
                    "state": message.isVisible(at: now)
                        ? "visible" : (message.receiveCount > 0 ? "inFlight" : "delayed"),
                ]
                if let first = message.firstReceiveAt { out["firstReceiveTimestamp"] = first }
                if let group = message.groupId { out["messageGroupId"] = group }
                if let source = message.deadLetterSourceArn { out["deadLetterQueueSourceArn"] = source }
                if !message.messageAttributes.isEmpty {
                    out["messageAttributes"] = message.messageAttributes.mapValues { value -> [String: Any] in
                        var item: [String: Any] = ["dataType": value.dataType]
                        if let text = value.stringValue { item["stringValue"] = text }
                        if let data = value.binaryValue { item["binaryValue"] = data.base64EncodedString() }
                        return item
                    }
                }
                return out
            }
        }
    }

    private func summary(_ queue: SQSQueue, now: Int64) -> [String: Any] {
        let counts = queue.counts(now: now)
        var out: [String: Any] = [
            "name": queue.name, "arn": arn(queue.name), "fifo": queue.isFIFO, "visible": counts.visible,
            "inFlight": counts.notVisible, "delayed": counts.delayed,
        ]
        if let policy = queue.redrivePolicy {
            out["redrivePolicy"] = [
                "deadLetterTargetArn": policy.deadLetterTargetArn, "maxReceiveCount": policy.maxReceiveCount,
            ]
        }
        return out
    }
}
