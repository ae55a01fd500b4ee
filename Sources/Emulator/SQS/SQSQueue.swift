import AWSClient
import Foundation
import Hashing

/// One queue and its messages as a value-type state machine: sending, receiving (with visibility timeouts,
/// receipt handles, receive counts and redrive), deleting, visibility changes, retention and FIFO ordering and
/// deduplication. No I/O and no clock: every call is given `now` (epoch milliseconds), so it is tested as is.
///
/// Standard queues keep a schedule heap of when each message next becomes receivable, so a receive costs
/// O(log n) per message however deep the backlog. FIFO queues keep each message group in arrival order.
package struct SQSQueue: Sendable {
    package struct DeduplicationEntry: Sendable, Equatable {
        package var messageID: String
        package var sequenceNumber: String?
        package var expiresAt: Int64
    }

    /// What a send asks for; validated by `SQSMessageValidation` before it gets here.
    package struct SendRequest: Sendable {
        package var body: String
        package var messageAttributes: [String: SQSMessageAttributeValue] = [:]
        package var traceHeader: String?
        package var delaySeconds: Int?
        package var groupID: String?
        package var deduplicationID: String?
        package var senderID: String

        package init(
            body: String,
            messageAttributes: [String: SQSMessageAttributeValue] = [:],
            traceHeader: String? = nil,
            delaySeconds: Int? = nil,
            groupID: String? = nil,
            deduplicationID: String? = nil,
            senderID: String
        ) {
            self.body = body
            self.messageAttributes = messageAttributes
            self.traceHeader = traceHeader
            self.delaySeconds = delaySeconds
            self.groupID = groupID
            self.deduplicationID = deduplicationID
            self.senderID = senderID
        }
    }

    package struct SendOutcome: Sendable {
        package var message: SQSStoredMessage
        /// A FIFO duplicate inside the five-minute window: accepted, not enqueued again.
        package var deduplicated: Bool
    }

    package struct ReceiveOutcome: Sendable {
        package var delivered: [SQSStoredMessage] = []
        /// Messages taken out because their receive count reached `maxReceiveCount`, for the dead-letter queue.
        package var deadLettered: [SQSStoredMessage] = []
        /// Ids dropped because their retention period is over.
        package var expired: [String] = []
    }

    package static let deduplicationWindowMillis: Int64 = 5 * 60 * 1000

    package let name: String
    package let isFIFO: Bool
    package var attributes: [String: String]
    package var tags: [String: String]
    package var createdAt: Int64
    package var modifiedAt: Int64
    package private(set) var messages: [String: SQSStoredMessage] = [:]
    package private(set) var nextSequence: Int64 = 1
    package private(set) var deduplication: [String: DeduplicationEntry] = [:]
    private var schedule = ScheduleHeap()
    private var groups: [String: [String]] = [:]

    package init(name: String, attributes: [String: String], tags: [String: String] = [:], now: Int64) {
        self.name = name
        self.isFIFO = name.hasSuffix(".fifo")
        var all = SQSQueueAttributes.defaults
        if isFIFO { all.merge(SQSQueueAttributes.fifoDefaults) { _, new in new } }
        all.merge(attributes) { _, new in new }
        if all["RedrivePolicy"] == "" { all["RedrivePolicy"] = nil }
        self.attributes = all
        self.tags = tags
        self.createdAt = now
        self.modifiedAt = now
    }

    // MARK: Settings

    package func intAttribute(_ name: String) -> Int { Int(attributes[name] ?? "") ?? 0 }
    package var visibilityTimeout: Int { intAttribute("VisibilityTimeout") }
    package var delaySeconds: Int { intAttribute("DelaySeconds") }
    package var retentionMillis: Int64 { Int64(intAttribute("MessageRetentionPeriod")) * 1000 }
    package var maximumMessageSize: Int { intAttribute("MaximumMessageSize") }
    package var receiveWaitTimeSeconds: Int { intAttribute("ReceiveMessageWaitTimeSeconds") }
    package var contentBasedDeduplication: Bool { attributes["ContentBasedDeduplication"] == "true" }
    package var redrivePolicy: SQSRedrivePolicy? {
        attributes["RedrivePolicy"].flatMap { try? SQSRedrivePolicy(json: $0) }
    }

    package mutating func setAttributes(_ changes: [String: String], now: Int64) {
        for (name, value) in changes {
            if (name == "RedrivePolicy" || name == "Policy") && value.isEmpty {
                attributes[name] = nil
            } else {
                attributes[name] = value
            }
        }
        modifiedAt = now
    }

    // MARK: Restoring

    /// Puts back a message read from storage (keeps its sequence, visibility and receive state).
    package mutating func restore(_ message: SQSStoredMessage) {
        messages[message.id] = message
        nextSequence = max(nextSequence, message.sequence + 1)
        index(message)
    }

    package mutating func restoreDeduplication(_ key: String, _ entry: DeduplicationEntry) {
        deduplication[key] = entry
    }

    package mutating func restoreSequence(_ next: Int64) {
        nextSequence = max(nextSequence, next)
    }

    private mutating func index(_ message: SQSStoredMessage) {
        if isFIFO {
            let group = message.groupId ?? ""
            var ids = groups[group] ?? []
            // Keep arrival order (restored messages may come in any order).
            if let last = ids.last, let lastMessage = messages[last], lastMessage.sequence > message.sequence {
                let position =
                    ids.firstIndex { (messages[$0]?.sequence ?? 0) > message.sequence } ?? ids.endIndex
                ids.insert(message.id, at: position)
            } else {
                ids.append(message.id)
            }
            groups[group] = ids
        } else {
            schedule.push(
                .init(time: message.visibleAt, sequence: message.sequence, id: message.id, version: message.version)
            )
        }
    }

    // MARK: Send

    package mutating func send(_ request: SendRequest, id: String, now: Int64) -> SendOutcome {
        pruneDeduplication(now: now)
        var deduplicationKey: String?
        if isFIFO {
            let dedupID = request.deduplicationID ?? Hex.encode(Digest.sha256(Array(request.body.utf8)))
            let key =
                attributes["DeduplicationScope"] == "messageGroup" ? "\(request.groupID ?? "")\u{0}\(dedupID)" : dedupID
            if let entry = deduplication[key], entry.expiresAt > now {
                var echo = SQSStoredMessage(
                    id: entry.messageID,
                    body: request.body,
                    messageAttributes: request.messageAttributes,
                    sentAt: now,
                    sequence: 0,
                    visibleAt: now,
                    senderId: request.senderID,
                    groupId: request.groupID,
                    deduplicationId: dedupID,
                    sequenceNumber: entry.sequenceNumber
                )
                echo.traceHeader = request.traceHeader
                return SendOutcome(message: echo, deduplicated: true)
            }
            deduplicationKey = key
        }
        let sequence = nextSequence
        nextSequence += 1
        let delay = Int64(request.delaySeconds ?? delaySeconds) * 1000
        var message = SQSStoredMessage(
            id: id,
            body: request.body,
            messageAttributes: request.messageAttributes,
            traceHeader: request.traceHeader,
            sentAt: now,
            sequence: sequence,
            visibleAt: now + delay,
            senderId: request.senderID,
            groupId: request.groupID
        )
        if isFIFO {
            message.deduplicationId = request.deduplicationID ?? Hex.encode(Digest.sha256(Array(request.body.utf8)))
            message.sequenceNumber = Self.sequenceNumber(sequence)
            if let deduplicationKey {
                deduplication[deduplicationKey] = DeduplicationEntry(
                    messageID: id,
                    sequenceNumber: message.sequenceNumber,
                    expiresAt: now + Self.deduplicationWindowMillis
                )
            }
        }
        messages[id] = message
        index(message)
        return SendOutcome(message: message, deduplicated: false)
    }

    /// The 20-digit, ever-growing FIFO sequence number.
    package static func sequenceNumber(_ sequence: Int64) -> String {
        let digits = String(sequence)
        return "18" + String(repeating: "0", count: max(0, 18 - digits.count)) + digits
    }

    private mutating func pruneDeduplication(now: Int64) {
        guard deduplication.count > 64 else { return }
        deduplication = deduplication.filter { $0.value.expiresAt > now }
    }

    // MARK: Receive

    /// Takes up to `maxMessages` receivable messages, makes them invisible for `visibilityTimeout` seconds and
    /// gives each a new receipt handle. A receivable message whose receive count already reached
    /// `maxReceiveCount` is taken out for the dead-letter queue instead of being delivered, as SQS does.
    package mutating func receive(
        maxMessages: Int,
        visibilityTimeout: Int,
        now: Int64,
        maxReceiveCount: Int?,
        token: () -> String = { UUID().upperCasedString }
    ) -> ReceiveOutcome {
        var outcome = ReceiveOutcome()
        if isFIFO {
            receiveFIFO(
                maxMessages: maxMessages,
                visibilityTimeout: visibilityTimeout,
                now: now,
                maxReceiveCount: maxReceiveCount,
                token: token,
                into: &outcome
            )
        } else {
            var skipped: [ScheduleHeap.Entry] = []
            while outcome.delivered.count < maxMessages, let top = schedule.first, top.time <= now {
                schedule.popFirst()
                guard let message = messages[top.id], message.version == top.version else { continue }
                if take(
                    message,
                    visibilityTimeout: visibilityTimeout,
                    now: now,
                    maxReceiveCount: maxReceiveCount,
                    token: token,
                    into: &outcome
                ) == false {
                    skipped.append(top)
                }
            }
            for entry in skipped { schedule.push(entry) }
            compactScheduleIfNeeded()
        }
        return outcome
    }

    private mutating func receiveFIFO(
        maxMessages: Int,
        visibilityTimeout: Int,
        now: Int64,
        maxReceiveCount: Int?,
        token: () -> String,
        into outcome: inout ReceiveOutcome
    ) {
        let available = groups.compactMap { group, ids -> (String, Int64)? in
            guard let head = ids.first.flatMap({ messages[$0] }), head.isVisible(at: now),
                !ids.contains(where: { messages[$0]?.isInFlight(at: now) ?? false })
            else { return nil }
            return (group, head.sequence)
        }.sorted { $0.1 < $1.1 }
        for (group, _) in available {
            guard outcome.delivered.count < maxMessages else { break }
            for id in groups[group] ?? [] {
                guard outcome.delivered.count < maxMessages, let message = messages[id], message.isVisible(at: now)
                else { break }
                _ = take(
                    message,
                    visibilityTimeout: visibilityTimeout,
                    now: now,
                    maxReceiveCount: maxReceiveCount,
                    token: token,
                    into: &outcome
                )
            }
        }
    }

    /// Delivers, dead-letters or expires one receivable message. Returns whether it left the schedule.
    private mutating func take(
        _ message: SQSStoredMessage,
        visibilityTimeout: Int,
        now: Int64,
        maxReceiveCount: Int?,
        token: () -> String,
        into outcome: inout ReceiveOutcome
    ) -> Bool {
        if now - message.sentAt >= retentionMillis {
            remove(message.id)
            outcome.expired.append(message.id)
            return true
        }
        if let maxReceiveCount, message.receiveCount >= maxReceiveCount {
            remove(message.id)
            outcome.deadLettered.append(message)
            return true
        }
        var updated = message
        updated.receiveCount += 1
        if updated.firstReceiveAt == nil { updated.firstReceiveAt = now }
        updated.receiptToken = token()
        reschedule(&updated, visibleAt: now + Int64(visibilityTimeout) * 1000)
        outcome.delivered.append(updated)
        return true
    }

    private mutating func reschedule(_ message: inout SQSStoredMessage, visibleAt: Int64) {
        message.visibleAt = visibleAt
        message.version += 1
        messages[message.id] = message
        if !isFIFO {
            schedule.push(.init(time: visibleAt, sequence: message.sequence, id: message.id, version: message.version))
        }
    }

    private mutating func remove(_ id: String) {
        guard let message = messages.removeValue(forKey: id) else { return }
        if isFIFO {
            let group = message.groupId ?? ""
            groups[group]?.removeAll { $0 == id }
            if groups[group]?.isEmpty == true { groups[group] = nil }
        }
    }

    private mutating func compactScheduleIfNeeded() {
        guard schedule.count > 1024, schedule.count > messages.count * 4 else { return }
        schedule.removeAll()
        for message in messages.values {
            schedule.push(
                .init(time: message.visibleAt, sequence: message.sequence, id: message.id, version: message.version)
            )
        }
    }

    // MARK: Delete and visibility

    /// Deletes the message a receipt handle names. A handle of an already deleted message succeeds, as on AWS;
    /// on a FIFO queue a handle whose visibility timeout is over (or that a later receive replaced) has expired.
    /// Returns the id deleted, if any.
    package mutating func delete(receiptHandle: String, now: Int64) throws(AWSError) -> String? {
        guard let handle = SQSReceiptHandle(receiptHandle) else { throw Self.invalidHandle(receiptHandle) }
        guard let message = messages[handle.messageID] else { return nil }
        if isFIFO, message.receiptToken != handle.token || !message.isInFlight(at: now) {
            throw AWSError.invalidParameterValue(
                "Value \(receiptHandle) for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired."
            )
        }
        remove(message.id)
        return message.id
    }

    /// Changes the visibility timeout of the message received with `receiptHandle` to `timeout` seconds from now.
    package mutating func changeVisibility(
        receiptHandle: String,
        timeout: Int,
        now: Int64
    ) throws(AWSError) -> SQSStoredMessage {
        guard let handle = SQSReceiptHandle(receiptHandle) else { throw Self.invalidHandle(receiptHandle) }
        guard (0...43_200).contains(timeout) else {
            throw AWSError.invalidParameterValue(
                "Value \(timeout) for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided."
            )
        }
        guard var message = messages[handle.messageID], message.receiptToken == handle.token else {
            throw AWSError.invalidParameterValue(
                "Value \(receiptHandle) for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change."
            )
        }
        guard message.isInFlight(at: now) else {
            throw AWSError(
                "MessageNotInflight",
                queryCode: "AWS.SimpleQueueService.MessageNotInflight",
                "Value \(receiptHandle) for parameter ReceiptHandle is invalid. Reason: Message is not in flight."
            )
        }
        reschedule(&message, visibleAt: now + Int64(timeout) * 1000)
        return message
    }

    package static func invalidHandle(_ text: String) -> AWSError {
        AWSError("ReceiptHandleIsInvalid", "The input receipt handle \"\(text)\" is not a valid receipt handle.")
    }

    // MARK: Whole-queue operations

    /// Drops every message; returns how many.
    package mutating func purge() -> Int {
        let count = messages.count
        messages.removeAll()
        schedule.removeAll()
        groups.removeAll()
        return count
    }

    /// Takes in a message moved from another queue (dead-lettering or a move task): same id, body, attributes,
    /// receive count and sent time; receivable now; a new place at the end of the queue.
    package mutating func admit(_ moved: SQSStoredMessage, deadLetterSourceArn: String?, now: Int64) -> SQSStoredMessage
    {
        var message = moved
        message.sequence = nextSequence
        nextSequence += 1
        message.visibleAt = now
        message.version = 0
        message.receiptToken = nil
        if let deadLetterSourceArn { message.deadLetterSourceArn = deadLetterSourceArn }
        if isFIFO {
            message.sequenceNumber = Self.sequenceNumber(message.sequence)
            if message.groupId == nil { message.groupId = "" }
        }
        messages[message.id] = message
        index(message)
        return message
    }

    /// Removes up to `limit` receivable messages in order, for a message move task.
    package mutating func takeForMove(limit: Int, now: Int64) -> [SQSStoredMessage] {
        let candidates = messages.values.filter { $0.isVisible(at: now) }.sorted { $0.sequence < $1.sequence }
            .prefix(limit)
        for message in candidates { remove(message.id) }
        return Array(candidates)
    }

    /// Drops messages past the retention period; returns their ids.
    package mutating func expire(now: Int64) -> [String] {
        let old = messages.values.filter { now - $0.sentAt >= retentionMillis }.map(\.id)
        for id in old { remove(id) }
        return old
    }

    /// `ApproximateNumberOfMessages`, `…NotVisible` and `…Delayed`.
    package func counts(now: Int64) -> (visible: Int, notVisible: Int, delayed: Int) {
        var visible = 0
        var notVisible = 0
        var delayed = 0
        for message in messages.values {
            if message.isVisible(at: now) {
                visible += 1
            } else if message.receiveCount > 0 {
                notVisible += 1
            } else {
                delayed += 1
            }
        }
        return (visible, notVisible, delayed)
    }

    /// The earliest time a message that is not receivable now becomes receivable (wakes long polls).
    package func nextVisibleTime(after now: Int64) -> Int64? {
        var earliest: Int64?
        if isFIFO {
            for message in messages.values where message.visibleAt > now {
                earliest = min(earliest ?? message.visibleAt, message.visibleAt)
            }
        } else if let top = schedule.first {
            earliest = top.time > now ? top.time : nil
            if earliest == nil {
                for message in messages.values where message.visibleAt > now {
                    earliest = min(earliest ?? message.visibleAt, message.visibleAt)
                }
            }
        }
        return earliest
    }
}
