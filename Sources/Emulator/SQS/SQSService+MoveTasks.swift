import Foundation

/// `StartMessageMoveTask`, `ListMessageMoveTasks`, `CancelMessageMoveTask`, asynchronous as on AWS: a start is
/// answered at once with the task `RUNNING`; a driver (`SQSService+MoveTaskDriver`) then moves the messages in
/// steps of at most `MaxNumberOfMessagesPerSecond` a second, and `ListMessageMoveTasks` shows its progress.
extension SQSService {
    static func resourceNotFound(_ parameter: String) -> AWSError {
        AWSError(
            "ResourceNotFoundException",
            "The resource that you specified for the \(parameter) parameter doesn't exist."
        )
    }

    func startMessageMoveTask(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let sourceArn = try input.requiredString("SourceArn")
        let destinationArn = try input.string("DestinationArn")
        let rate = try input.int("MaxNumberOfMessagesPerSecond")
        if let rate, !(1...500).contains(rate) {
            throw AWSError.invalidParameterValue(
                "Value \(rate) for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500."
            )
        }
        let task = try locked { (state: inout State) throws(AWSError) -> SQSMoveTask in
            guard let sourceName = Self.queueName(fromArn: sourceArn), let source = state.queues[sourceName] else {
                throw Self.resourceNotFound("SourceArn")
            }
            guard state.queues.values.contains(where: { $0.redrivePolicy?.deadLetterTargetArn == sourceArn }) else {
                throw AWSError.invalidParameterValue("Source queue must be configured as a Dead Letter Queue.")
            }
            if let destinationArn {
                guard let name = Self.queueName(fromArn: destinationArn), state.queues[name] != nil else {
                    throw Self.resourceNotFound("DestinationArn")
                }
            }
            guard !state.moveTasks.values.contains(where: { $0.sourceArn == sourceArn && $0.isActive }) else {
                throw AWSError(
                    "UnsupportedOperation",
                    queryCode: "AWS.SimpleQueueService.UnsupportedOperation",
                    "There is already a task running. Only one active task is allowed for a source queue arn at a given time."
                )
            }
            let now = nowMillis
            let task = SQSMoveTask(
                taskHandle: Data("\(UUID().uuidString) \(sourceArn)".utf8).base64EncodedString(),
                sourceArn: sourceArn,
                destinationArn: destinationArn,
                maxNumberOfMessagesPerSecond: rate,
                status: SQSMoveTask.Status.running,
                moved: 0,
                toMove: source.counts(now: now).visible,
                startedTimestamp: now
            )
            try commit([try Self.record(task)])
            state.moveTasks[task.taskHandle] = task
            return task
        }
        startMoveDriver(task.taskHandle)
        return ["TaskHandle": task.taskHandle]
    }

    func listMessageMoveTasks(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let sourceArn = try input.requiredString("SourceArn")
        let maxResults = try input.int("MaxResults") ?? 1
        guard (1...10).contains(maxResults) else {
            throw AWSError.invalidParameterValue(
                "Value \(maxResults) for parameter MaxResults is invalid. Reason: Must be between 1 and 10."
            )
        }
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            guard let name = Self.queueName(fromArn: sourceArn), state.queues[name] != nil else {
                throw Self.resourceNotFound("SourceArn")
            }
            let tasks = state.moveTasks.values.filter { $0.sourceArn == sourceArn }
                .sorted { ($0.startedTimestamp, $0.taskHandle) > ($1.startedTimestamp, $1.taskHandle) }
                .prefix(maxResults)
            return ["Results": tasks.map(\.listEntry)]
        }
    }

    /// Asks a running task to stop: it is `CANCELLING` until its driver has stopped (at once, woken by the
    /// notifier), then `CANCELLED`. Messages already moved stay where they went.
    func cancelMessageMoveTask(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let handle = try input.requiredString("TaskHandle")
        let moved = try locked { (state: inout State) throws(AWSError) -> Int in
            guard var task = state.moveTasks[handle], task.status == SQSMoveTask.Status.running else {
                throw AWSError("ResourceNotFoundException", "Task does not exist.")
            }
            task.status = SQSMoveTask.Status.cancelling
            try commit([try Self.record(task)])
            state.moveTasks[handle] = task
            return task.moved
        }
        notifier.notify()
        return ["ApproximateNumberOfMessagesMoved": moved]
    }

    static func record(_ task: SQSMoveTask) throws(AWSError) -> StoreChange {
        do {
            return .record(kind: SQSMoveTask.recordKind, key: task.taskHandle, json: try JSONEncoder().encode(task))
        } catch {
            throw AWSError.internalFailure("The emulator could not encode the move task: \(error)")
        }
    }

    /// One step of the task `handle`: moves messages until `allowedTotal` have been moved in all (or the
    /// source has none receivable left), commits them together with the task's new progress, and settles a
    /// finished, failed or cancelled task. Returns whether the task is still running.
    func advanceMoveTask(_ handle: String, allowedTotal: Int) -> Bool {
        var movedAny = false
        let running = locked { (state: inout State) -> Bool in
            guard var task = state.moveTasks[handle], task.isActive else { return false }
            defer { state.moveTasks[handle] = task }
            if task.status == SQSMoveTask.Status.cancelling {
                task.status = SQSMoveTask.Status.cancelled
                commitQuietly([try? Self.record(task)].compactMap { $0 }, task: &task)
                return false
            }
            guard let sourceName = Self.queueName(fromArn: task.sourceArn), state.queues[sourceName] != nil else {
                task.status = SQSMoveTask.Status.failed
                task.failureReason = "The source queue was deleted."
                commitQuietly([try? Self.record(task)].compactMap { $0 }, task: &task)
                return false
            }
            let now = nowMillis
            let budget = max(0, min(allowedTotal, task.toMove) - task.moved)
            let taken =
                budget == 0
                ? [] : ((try? mutateQueue(sourceName, in: &state) { $0.takeForMove(limit: budget, now: now) }) ?? [])
            var changes: [StoreChange] = []
            var leftBehind: [SQSStoredMessage] = []
            for message in taken {
                guard let target = task.destinationArn ?? message.deadLetterSourceArn,
                    let targetName = Self.queueName(fromArn: target), state.queues[targetName] != nil
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
                if let admitted = try? mutateQueue(
                    targetName,
                    in: &state,
                    { $0.admit(fresh, deadLetterSourceArn: nil, now: now) }
                ) {
                    changes.append(.deleteMessage(queue: sourceName, id: message.id))
                    changes.append(.message(queue: targetName, admitted))
                    task.moved += 1
                    recordRedrive(from: sourceName, message.id, to: targetName, as: admitted.id, now: now)
                    movedAny = true
                }
            }
            for message in leftBehind {
                // Back where it was (a new place at the end of the DLQ), unchanged in the store.
                _ = try? mutateQueue(sourceName, in: &state) { $0.admit(message, deadLetterSourceArn: nil, now: now) }
            }
            if !leftBehind.isEmpty {
                task.status = SQSMoveTask.Status.failed
                task.failureReason = "\(leftBehind.count) message(s) have no existing queue to move back to."
            } else if task.moved >= task.toMove || taken.count < budget {
                task.status = SQSMoveTask.Status.completed
            }
            guard movedAny || !task.isActive else { return true }
            if let record = try? Self.record(task) { changes.append(record) }
            commitQuietly(changes, task: &task)
            return task.isActive
        }
        if movedAny { notifier.notify() }
        return running
    }

    /// Commits a driver's step; a storage failure fails the task (there is no request to answer with it).
    private func commitQuietly(_ changes: [StoreChange], task: inout SQSMoveTask) {
        do throws(AWSError) {
            try commit(changes)
        } catch {
            task.status = SQSMoveTask.Status.failed
            task.failureReason = error.message
        }
    }
}
