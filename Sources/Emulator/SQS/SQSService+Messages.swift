import AWSClient
import Foundation

/// Message-level operations: send, receive (with long polling and redrive), delete, visibility.
extension SQSService {
    // MARK: Send

    /// Parses and checks one send (a `SendMessage` input or a batch entry) against `queue`.
    func sendRequest(
        _ input: JSONInput,
        queue: SQSQueue,
        caller: CallerContext
    ) throws(AWSError) -> SQSQueue.SendRequest {
        let body = try input.string("MessageBody") ?? ""
        try SQSMessageValidation.checkBody(body)
        let attributes = try SQSMessageValidation.attributes(try input.objectMap("MessageAttributes"))
        let system = try SQSMessageValidation.attributes(try input.objectMap("MessageSystemAttributes"), system: true)
        let size = SQSMessageValidation.size(body: body, attributes: attributes)
        guard size <= queue.maximumMessageSize else {
            throw AWSError.invalidParameterValue(
                "One or more parameters are invalid. Reason: Message must be shorter than \(queue.maximumMessageSize) bytes."
            )
        }
        let delay = try input.int("DelaySeconds")
        if let delay, !(0...900).contains(delay) {
            throw AWSError.invalidParameterValue(
                "Value \(delay) for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900."
            )
        }
        let groupID = try input.string("MessageGroupId")
        let deduplicationID = try input.string("MessageDeduplicationId")
        if queue.isFIFO {
            if let delay, delay != 0 {
                throw AWSError.invalidParameterValue(
                    "Value \(delay) for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type."
                )
            }
            guard let groupID, !groupID.isEmpty else { throw AWSError.missingParameter("MessageGroupId") }
            try Self.checkToken(groupID, parameter: "MessageGroupId")
            if let deduplicationID {
                try Self.checkToken(deduplicationID, parameter: "MessageDeduplicationId")
            } else if !queue.contentBasedDeduplication {
                throw AWSError.invalidParameterValue(
                    "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"
                )
            }
        } else {
            if let deduplicationID {
                throw AWSError.invalidParameterValue(
                    "Value \(deduplicationID) for parameter MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid for this queue type."
                )
            }
            if let groupID { try Self.checkToken(groupID, parameter: "MessageGroupId") }
        }
        return SQSQueue.SendRequest(
            body: body,
            messageAttributes: attributes,
            traceHeader: system["AWSTraceHeader"]?.stringValue,
            delaySeconds: delay,
            groupID: groupID,
            deduplicationID: deduplicationID,
            senderID: caller.accessKeyID ?? accountID
        )
    }

    /// Group and deduplication ids: 1–128 characters from alphanumerics and punctuation.
    static func checkToken(_ value: String, parameter: String) throws(AWSError) {
        let valid =
            (1...128).contains(value.count)
            && value.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7E }
        guard valid else {
            throw AWSError.invalidParameterValue(
                "Value \(value) for parameter \(parameter) is invalid. Reason: \(parameter) can only include alphanumeric and punctuation characters. 1 to 128 in length."
            )
        }
    }

    /// The JSON answer for one accepted send.
    static func sendResult(_ message: SQSStoredMessage) -> [String: Any] {
        var out: [String: Any] = ["MessageId": message.id, "MD5OfMessageBody": message.md5OfBody]
        if let md5 = message.md5OfMessageAttributes { out["MD5OfMessageAttributes"] = md5 }
        if let trace = message.traceHeader, let md5 = SQSChecksum.attributes(["AWSTraceHeader": .string(trace)]) {
            out["MD5OfMessageSystemAttributes"] = md5
        }
        if let sequenceNumber = message.sequenceNumber { out["SequenceNumber"] = sequenceNumber }
        return out
    }

    /// Enqueues one checked send into `queue`; returns the message and the store changes it needs.
    func enqueue(_ request: SQSQueue.SendRequest, into queue: inout SQSQueue) -> (SQSStoredMessage, [StoreChange]) {
        let outcome = queue.send(request, id: UUID().lowercasedString, now: nowMillis)
        guard !outcome.deduplicated else { return (outcome.message, []) }
        recordSend(queue: queue.name, outcome.message, request)
        var changes: [StoreChange] = [.message(queue: queue.name, outcome.message)]
        if queue.isFIFO, let entry = queue.deduplication.first(where: { $0.value.messageID == outcome.message.id }) {
            changes.append(.deduplication(queue: queue.name, key: entry.key, entry.value))
        }
        return (outcome.message, changes)
    }

    func sendMessage(_ input: JSONInput, caller: CallerContext) throws(AWSError) -> [String: Any] {
        let result = try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            return try mutateQueue(name, in: &state) { queue throws(AWSError) -> [String: Any] in
                let request = try sendRequest(input, queue: queue, caller: caller)
                let (message, changes) = enqueue(request, into: &queue)
                try commit(changes)
                return Self.sendResult(message)
            }
        }
        notifier.notify()
        return result
    }

    func sendMessageBatch(_ input: JSONInput, caller: CallerContext) throws(AWSError) -> [String: Any] {
        let entries = try input.objectList("Entries") ?? []
        try Self.checkBatch(entries, entryName: "SendMessageBatchRequestEntry")
        let result = try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            return try mutateQueue(name, in: &state) { queue throws(AWSError) -> [String: Any] in
                var total = 0
                for entry in entries {
                    let body = (try? entry.string("MessageBody")) ?? nil
                    let attributes =
                        (try? SQSMessageValidation.attributes(try entry.objectMap("MessageAttributes"))) ?? [:]
                    total += SQSMessageValidation.size(body: body ?? "", attributes: attributes)
                }
                guard total <= queue.maximumMessageSize else {
                    throw AWSError(
                        "BatchRequestTooLong",
                        queryCode: "AWS.SimpleQueueService.BatchRequestTooLong",
                        "Batch requests cannot be longer than \(queue.maximumMessageSize) bytes. You have sent \(total) bytes."
                    )
                }
                var successful: [[String: Any]] = []
                var failed: [[String: Any]] = []
                var changes: [StoreChange] = []
                for entry in entries {
                    let id = (try? entry.string("Id")) ?? nil ?? ""
                    do {
                        let request = try sendRequest(entry, queue: queue, caller: caller)
                        let (message, entryChanges) = enqueue(request, into: &queue)
                        changes += entryChanges
                        var out = Self.sendResult(message)
                        out["Id"] = id
                        successful.append(out)
                    } catch {
                        failed.append(Self.batchFailure(id: id, error))
                    }
                }
                try commit(changes)
                return ["Successful": successful, "Failed": failed]
            }
        }
        notifier.notify()
        return result
    }

    static func batchFailure(id: String, _ failure: any Error) -> [String: Any] {
        let error = failure as? AWSError ?? AWSError.internalFailure("\(failure)")
        return ["Id": id, "SenderFault": error.fault == .sender, "Code": error.queryCode, "Message": error.message]
    }

    /// Batch rules: 1–10 entries, ids distinct, each id alphanumeric/hyphen/underscore up to 80 characters.
    static func checkBatch(_ entries: [JSONInput], entryName: String) throws(AWSError) {
        guard !entries.isEmpty else {
            throw AWSError(
                "EmptyBatchRequest",
                queryCode: "AWS.SimpleQueueService.EmptyBatchRequest",
                "There should be at least one \(entryName) in the request."
            )
        }
        guard entries.count <= 10 else {
            throw AWSError(
                "TooManyEntriesInBatchRequest",
                queryCode: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                "Maximum number of entries per request are 10. You have sent \(entries.count)."
            )
        }
        var seen: Set<String> = []
        for entry in entries {
            let id = try entry.requiredString("Id")
            let valid =
                (1...80).contains(id.count)
                && id.unicodeScalars.allSatisfy {
                    ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" || $0 == "_"
                }
            guard valid else {
                throw AWSError(
                    "InvalidBatchEntryId",
                    queryCode: "AWS.SimpleQueueService.InvalidBatchEntryId",
                    "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long."
                )
            }
            guard seen.insert(id).inserted else {
                throw AWSError(
                    "BatchEntryIdsNotDistinct",
                    queryCode: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                    "Id \(id) repeated."
                )
            }
        }
    }

    // MARK: Receive

    func receiveMessage(_ input: JSONInput) async throws(AWSError) -> [String: Any] {
        let maxMessages = try input.int("MaxNumberOfMessages") ?? 1
        guard (1...10).contains(maxMessages) else {
            throw AWSError.invalidParameterValue(
                "Value \(maxMessages) for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."
            )
        }
        let requestedVisibility = try input.int("VisibilityTimeout")
        if let requestedVisibility, !(0...43_200).contains(requestedVisibility) {
            throw AWSError.invalidParameterValue(
                "Value \(requestedVisibility) for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided."
            )
        }
        let requestedWait = try input.int("WaitTimeSeconds")
        if let requestedWait, !(0...20).contains(requestedWait) {
            throw AWSError.invalidParameterValue(
                "Value \(requestedWait) for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."
            )
        }
        let legacyNames = try input.stringList("AttributeNames") ?? []
        let newNames = try input.stringList("MessageSystemAttributeNames") ?? []
        // `AttributeNames` (deprecated, typed as queue attribute names) takes either kind of name and returns
        // only message system attributes; `MessageSystemAttributeNames` takes message system names only.
        for name in legacyNames
        where !Self.messageSystemAttributeNames.contains(name) && !SQSQueueAttributes.names.contains(name) {
            throw SQSQueueAttributes.invalidName(name)
        }
        for name in newNames where !Self.messageSystemAttributeNames.contains(name) {
            throw SQSQueueAttributes.invalidName(name)
        }
        let systemNames = Set(legacyNames + newNames)
        let attributeNames = try input.stringList("MessageAttributeNames") ?? []
        let attemptID = try input.string("ReceiveRequestAttemptId")
        if let attemptID { try Self.checkToken(attemptID, parameter: "ReceiveRequestAttemptId") }
        let name = try locked { (state: inout State) throws(AWSError) -> String in
            try existingQueueName(input, in: state)
        }
        let wait = requestedWait ?? locked { state in state.queues[name]?.receiveWaitTimeSeconds ?? 0 }
        let deadline = clock.now().addingTimeInterval(TimeInterval(wait))
        while true {
            let generation = notifier.generation
            let (messages, nextVisible) = try receiveOnce(
                queue: name,
                maxMessages: maxMessages,
                visibilityTimeout: requestedVisibility,
                attemptID: attemptID
            )
            if !messages.isEmpty {
                return [
                    "Messages": messages.map {
                        Self.render($0, systemNames: systemNames, attributeNames: attributeNames, sourceArn: arn(name))
                    }
                ]
            }
            let now = clock.now()
            if now >= deadline || Task.isCancelled { return [:] }
            var wake = deadline
            if let nextVisible {
                wake = min(wake, Date(timeIntervalSince1970: TimeInterval(nextVisible) / 1000))
            }
            await notifier.wait(after: generation, until: wake, clock: clock)
        }
    }

    /// The message system attributes `ReceiveMessage` may be asked for.
    static let messageSystemAttributeNames: Set<String> = [
        "All", "SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp",
        "SequenceNumber", "MessageDeduplicationId", "MessageGroupId", "AWSTraceHeader", "DeadLetterQueueSourceArn",
    ]

    /// One receive attempt under the lock: delivers, dead-letters and expires, and commits all of it.
    func receiveOnce(
        queue name: String,
        maxMessages: Int,
        visibilityTimeout: Int?,
        attemptID: String? = nil
    ) throws(AWSError)
        -> ([SQSStoredMessage], Int64?)
    {
        try locked { (state: inout State) throws(AWSError) -> ([SQSStoredMessage], Int64?) in
            guard let queue = state.queues[name] else { throw Self.queueDoesNotExist }
            let now = nowMillis
            // A FIFO retry with the same attempt id gets the same messages and handles while that still holds.
            let attemptKey = queue.isFIFO ? attemptID.map { "\(name)\n\($0)" } : nil
            if let attemptKey, let attempt = state.receiveAttempts[attemptKey] {
                if let again = attempt.replay(in: queue, now: now) { return (again, nil) }
                state.receiveAttempts[attemptKey] = nil
            }
            var maxReceiveCount: Int?
            var deadLetterName: String?
            if let policy = queue.redrivePolicy, let target = Self.queueName(fromArn: policy.deadLetterTargetArn),
                state.queues[target] != nil, target != name
            {
                maxReceiveCount = policy.maxReceiveCount
                deadLetterName = target
            }
            let visibility = visibilityTimeout ?? queue.visibilityTimeout
            let outcome = try mutateQueue(name, in: &state) { queue in
                queue.receive(
                    maxMessages: maxMessages,
                    visibilityTimeout: visibility,
                    now: now,
                    maxReceiveCount: maxReceiveCount
                )
            }
            var changes: [StoreChange] = outcome.delivered.map { .receiveState(queue: name, $0) }
            changes += outcome.expired.map { .deleteMessage(queue: name, id: $0) }
            if let deadLetterName, !outcome.deadLettered.isEmpty {
                try mutateQueue(deadLetterName, in: &state) { deadLetterQueue in
                    for message in outcome.deadLettered {
                        changes.append(.deleteMessage(queue: name, id: message.id))
                        let moved = deadLetterQueue.admit(message, deadLetterSourceArn: arn(name), now: now)
                        changes.append(.message(queue: deadLetterName, moved))
                    }
                }
            }
            if !changes.isEmpty {
                try commit(changes)
            }
            recordReceive(queue: name, outcome, deadLetterQueue: deadLetterName, now: now)
            if !outcome.deadLettered.isEmpty { notifier.notify() }
            if let attemptKey, !outcome.delivered.isEmpty {
                state.receiveAttempts = state.receiveAttempts.filter { $0.value.expiresAt > now }
                state.receiveAttempts[attemptKey] = SQSReceiveAttempt(
                    delivered: outcome.delivered,
                    expiresAt: now + SQSReceiveAttempt.windowMillis
                )
            }
            return (
                outcome.delivered, outcome.delivered.isEmpty ? state.queues[name]?.nextVisibleTime(after: now) : nil
            )
        }
    }

    /// A received message in the JSON shape, with the system and message attributes that were asked for.
    static func render(
        _ message: SQSStoredMessage,
        systemNames: Set<String>,
        attributeNames: [String],
        sourceArn: String
    ) -> [String: Any] {
        var out: [String: Any] = [
            "MessageId": message.id, "ReceiptHandle": message.receiptHandle ?? "", "MD5OfBody": message.md5OfBody,
            "Body": message.body,
        ]
        var system: [String: String] = [
            "SenderId": message.senderId,
            "SentTimestamp": String(message.sentAt),
            "ApproximateReceiveCount": String(message.receiveCount),
            "ApproximateFirstReceiveTimestamp": String(message.firstReceiveAt ?? message.sentAt),
        ]
        if let trace = message.traceHeader { system["AWSTraceHeader"] = trace }
        if let group = message.groupId { system["MessageGroupId"] = group }
        if let dedup = message.deduplicationId { system["MessageDeduplicationId"] = dedup }
        if let sequence = message.sequenceNumber { system["SequenceNumber"] = sequence }
        if let source = message.deadLetterSourceArn { system["DeadLetterQueueSourceArn"] = source }
        let all = systemNames.contains("All")
        let chosen = system.filter { all || systemNames.contains($0.key) }
        if !chosen.isEmpty { out["Attributes"] = chosen }
        let attributes = message.messageAttributes.filter { name, _ in
            attributeNames.contains { pattern in
                pattern == "All" || pattern == ".*" || pattern == name
                    || (pattern.hasSuffix(".*") && name.hasPrefix(String(pattern.dropLast(1))))
            }
        }
        if !attributes.isEmpty, let md5 = SQSChecksum.attributes(attributes) {
            out["MD5OfMessageAttributes"] = md5
            out["MessageAttributes"] = attributes.mapValues { value -> [String: Any] in
                var item: [String: Any] = ["DataType": value.dataType]
                if let text = value.stringValue { item["StringValue"] = text }
                if let data = value.binaryValue { item["BinaryValue"] = data.base64EncodedString() }
                return item
            }
        }
        return out
    }

    // MARK: Delete and visibility

    func deleteMessage(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let handle = try input.requiredString("ReceiptHandle")
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            try mutateQueue(name, in: &state) { queue throws(AWSError) in
                if let id = try queue.delete(receiptHandle: handle, now: nowMillis) {
                    try commit([.deleteMessage(queue: name, id: id)])
                    events.record(.deleted, queue: name, messageID: id, time: nowMillis)
                }
            }
            return [:]
        }
    }

    func deleteMessageBatch(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let entries = try input.objectList("Entries") ?? []
        try Self.checkBatch(entries, entryName: "DeleteMessageBatchRequestEntry")
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            let now = nowMillis
            return try mutateQueue(name, in: &state) { queue throws(AWSError) -> [String: Any] in
                var successful: [[String: Any]] = []
                var failed: [[String: Any]] = []
                var changes: [StoreChange] = []
                for entry in entries {
                    let id = (try? entry.string("Id")) ?? nil ?? ""
                    do {
                        let handle = try entry.requiredString("ReceiptHandle")
                        if let deleted = try queue.delete(receiptHandle: handle, now: now) {
                            changes.append(.deleteMessage(queue: name, id: deleted))
                            events.record(.deleted, queue: name, messageID: deleted, time: now)
                        }
                        successful.append(["Id": id])
                    } catch {
                        failed.append(Self.batchFailure(id: id, error))
                    }
                }
                try commit(changes)
                return ["Successful": successful, "Failed": failed]
            }
        }
    }

    func changeMessageVisibility(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let handle = try input.requiredString("ReceiptHandle")
        guard let timeout = try input.int("VisibilityTimeout") else {
            throw AWSError.missingParameter("VisibilityTimeout")
        }
        try locked { (state: inout State) throws(AWSError) in
            let name = try existingQueueName(input, in: state)
            try mutateQueue(name, in: &state) { queue throws(AWSError) in
                let message = try queue.changeVisibility(receiptHandle: handle, timeout: timeout, now: nowMillis)
                recordVisibilityChange(queue: name, message, timeout: timeout)
                try commit([.receiveState(queue: name, message)])
            }
        }
        notifier.notify()
        return [:]
    }

    func changeMessageVisibilityBatch(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let entries = try input.objectList("Entries") ?? []
        try Self.checkBatch(entries, entryName: "ChangeMessageVisibilityBatchRequestEntry")
        let result = try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            let now = nowMillis
            return try mutateQueue(name, in: &state) { queue throws(AWSError) -> [String: Any] in
                var successful: [[String: Any]] = []
                var failed: [[String: Any]] = []
                var changes: [StoreChange] = []
                for entry in entries {
                    let id = (try? entry.string("Id")) ?? nil ?? ""
                    do {
                        let handle = try entry.requiredString("ReceiptHandle")
                        let timeout = try entry.int("VisibilityTimeout") ?? 0
                        let message = try queue.changeVisibility(receiptHandle: handle, timeout: timeout, now: now)
                        recordVisibilityChange(queue: name, message, timeout: timeout)
                        changes.append(.receiveState(queue: name, message))
                        successful.append(["Id": id])
                    } catch {
                        failed.append(Self.batchFailure(id: id, error))
                    }
                }
                try commit(changes)
                return ["Successful": successful, "Failed": failed]
            }
        }
        notifier.notify()
        return result
    }
}
