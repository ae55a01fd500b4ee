import Foundation

/// `StartMessageMoveTask`, `ListMessageMoveTasks`, `CancelMessageMoveTask`. The emulator moves every message
/// that is receivable in the dead-letter queue at once, so a task is `COMPLETED` when its start is answered.
extension SQSService {
    func startMessageMoveTask(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let sourceArn = try input.requiredString("SourceArn")
        let destinationArn = try input.string("DestinationArn")
        let rate = try input.int("MaxNumberOfMessagesPerSecond")
        if let rate, !(1...500).contains(rate) {
            throw AWSError.invalidParameterValue(
                "Value \(rate) for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500.")
        }
        let result = try locked { () throws(AWSError) -> [String: Any] in
            guard let sourceName = Self.queueName(fromArn: sourceArn), queues[sourceName] != nil else {
                throw AWSError("ResourceNotFoundException", "The resource that you specified for the SourceArn parameter doesn't exist.")
            }
            guard queues.values.contains(where: { $0.redrivePolicy?.deadLetterTargetArn == sourceArn }) else {
                throw AWSError.invalidParameterValue("Source queue must be configured as a Dead Letter Queue.")
            }
            if let destinationArn {
                guard let name = Self.queueName(fromArn: destinationArn), queues[name] != nil else {
                    throw AWSError("ResourceNotFoundException", "The resource that you specified for the DestinationArn parameter doesn't exist.")
                }
            }
            let now = nowMillis
            let taken = try mutateQueue(sourceName) { $0.takeForMove(limit: Int.max, now: now) }
            var changes: [StoreChange] = []
            var moved = 0
            var leftBehind: [SQSMessage] = []
            for message in taken {
                guard let target = destinationArn ?? message.deadLetterSourceArn,
                    let targetName = Self.queueName(fromArn: target), queues[targetName] != nil
                else {
                    leftBehind.append(message)
                    continue
                }
                var fresh = message
                fresh.id = UUID().uuidString.lowercased()
                fresh.receiveCount = 0
                fresh.firstReceiveAt = nil
                fresh.sentAt = now
                fresh.deadLetterSourceArn = nil
                let admitted = try mutateQueue(targetName) { $0.admit(fresh, deadLetterSourceArn: nil, now: now) }
                changes.append(.deleteMessage(queue: sourceName, id: message.id))
                changes.append(.message(queue: targetName, admitted))
                moved += 1
            }
            for message in leftBehind {
                let admitted = try mutateQueue(sourceName) { queue in
                    var kept = message
                    let readmitted = queue.admit(kept, deadLetterSourceArn: nil, now: now)
                    kept = readmitted
                    return kept
                }
                changes.append(.message(queue: sourceName, admitted))
            }
            let task = SQSMoveTask(
                taskHandle: Data("\(UUID().uuidString) \(sourceArn)".utf8).base64EncodedString(),
                sourceArn: sourceArn, destinationArn: destinationArn, maxNumberOfMessagesPerSecond: rate,
                status: leftBehind.isEmpty ? "COMPLETED" : "FAILED", moved: moved, toMove: taken.count,
                startedTimestamp: now,
                failureReason: leftBehind.isEmpty
                    ? nil : "\(leftBehind.count) message(s) have no existing queue to move back to.")
            if let json = try? JSONEncoder().encode(task) {
                changes.append(.record(kind: SQSMoveTask.recordKind, key: task.taskHandle, json: json))
            }
            try commit(changes)
            moveTasks[task.taskHandle] = task
            return ["TaskHandle": task.taskHandle]
        }
        notifier.notify()
        return result
    }

    func listMessageMoveTasks(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let sourceArn = try input.requiredString("SourceArn")
        let maxResults = try input.int("MaxResults") ?? 1
        guard (1...10).contains(maxResults) else {
            throw AWSError.invalidParameterValue(
                "Value \(maxResults) for parameter MaxResults is invalid. Reason: Must be between 1 and 10.")
        }
        return try locked { () throws(AWSError) -> [String: Any] in
            guard let name = Self.queueName(fromArn: sourceArn), queues[name] != nil else {
                throw AWSError("ResourceNotFoundException", "The resource that you specified for the SourceArn parameter doesn't exist.")
            }
            let tasks = moveTasks.values.filter { $0.sourceArn == sourceArn }
                .sorted { $0.startedTimestamp > $1.startedTimestamp }.prefix(maxResults)
            return ["Results": tasks.map(\.listEntry)]
        }
    }

    func cancelMessageMoveTask(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let handle = try input.requiredString("TaskHandle")
        return try locked { () throws(AWSError) -> [String: Any] in
            guard var task = moveTasks[handle], task.status == "RUNNING" else {
                throw AWSError("ResourceNotFoundException", "Task does not exist.")
            }
            task.status = "CANCELLED"
            if let json = try? JSONEncoder().encode(task) {
                try commit([.record(kind: SQSMoveTask.recordKind, key: handle, json: json)])
            }
            moveTasks[handle] = task
            return ["ApproximateNumberOfMessagesMoved": task.moved]
        }
    }
}
