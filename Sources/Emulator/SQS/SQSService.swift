import AWSClient
import Foundation
import Logging

/// SQS: every queue, the operations over them (in the JSON protocol's shapes; the query protocol is translated
/// to and from these), and write-through to the store. One lock guards the queues; every acknowledged change
/// is committed to the store before the lock is released and the answer sent.
package final class SQSService: @unchecked Sendable {
    let lock = NSLock()
    var queues: [String: SQSQueue] = [:]
    var moveTasks: [String: SQSMoveTask] = [:]
    /// The running drivers of move tasks, by task handle.
    var moveDrivers: [String: Task<Void, Never>] = [:]
    let store: any EmulatorStore
    let clock: any EmulatorClock
    let notifier: ChangeNotifier
    package let accountID: String
    package let region: String
    let logger: Logger
    /// Each message's history (sent, received, deleted, dead-lettered, re-driven) for the dashboard.
    package let events = MessageEventLog()

    package init(
        store: any EmulatorStore,
        clock: any EmulatorClock,
        notifier: ChangeNotifier,
        accountID: String,
        region: String,
        logger: Logger
    ) {
        self.store = store
        self.clock = clock
        self.notifier = notifier
        self.accountID = accountID
        self.region = region
        self.logger = logger
    }

    /// Runs `body` holding the lock, with its typed error.
    func locked<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Mutates the queue called `name` in place (lock held), so its message storage is never copied.
    func mutateQueue<Result>(
        _ name: String,
        _ body: (inout SQSQueue) throws(AWSError) -> Result
    ) throws(AWSError)
        -> Result
    {
        guard var queue = queues.removeValue(forKey: name) else { throw Self.queueDoesNotExist }
        defer { queues[name] = queue }
        return try body(&queue)
    }

    var nowMillis: Int64 { Int64((clock.now().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Rebuilds the queues from a snapshot read at start-up.
    package func restore(_ snapshot: StoreSnapshot) {
        stopMoveTasks()
        locked {
            queues.removeAll()
            for stored in snapshot.queues {
                var queue = SQSQueue(name: stored.name, attributes: [:], tags: stored.tags, now: stored.createdAt)
                queue.attributes = stored.attributes
                queue.modifiedAt = stored.modifiedAt
                queue.restoreSequence(stored.nextSequence)
                for message in snapshot.messages[stored.name] ?? [] { queue.restore(message) }
                for (key, entry) in snapshot.deduplication[stored.name] ?? [] {
                    queue.restoreDeduplication(key, entry)
                }
                queues[stored.name] = queue
            }
            moveTasks.removeAll()
            for (key, json) in snapshot.records[SQSMoveTask.recordKind] ?? [] {
                if let task = try? JSONDecoder().decode(SQSMoveTask.self, from: json) { moveTasks[key] = task }
            }
        }
        resumeMoveTasks()
    }

    /// Drops everything (the store is reset by the caller).
    package func reset() {
        stopMoveTasks()
        locked {
            queues.removeAll()
            moveTasks.removeAll()
        }
    }

    // MARK: Naming

    package func arn(_ name: String) -> String { "arn:aws:sqs:\(region):\(accountID):\(name)" }

    package func url(_ name: String, host: String) -> String { "http://\(host)/\(accountID)/\(name)" }

    /// The queue name in a queue URL (`http://host/ACCOUNT/NAME`, any host), or in an ARN.
    package static func queueName(fromURL url: String) -> String {
        // The last non-empty path segment, read on UTF-8 bytes (this runs on every request).
        let slash = UInt8(ascii: "/")
        var path = Substring(url).utf8[...]
        while path.last == slash { path = path.dropLast() }
        if let last = path.lastIndex(of: slash) { path = path[path.index(after: last)...] }
        return String(Substring(path))
    }

    static func queueName(fromArn arn: String) -> String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "sqs" else { return nil }
        return String(parts[5])
    }

    static let queueDoesNotExist = AWSError(
        "QueueDoesNotExist",
        queryCode: "AWS.SimpleQueueService.NonExistentQueue",
        "The specified queue does not exist."
    )

    /// The name of the queue `QueueUrl` names, which must exist in this account (lock held): a URL naming another
    /// account's queue of the same name is `QueueDoesNotExist`, as on AWS, not this account's queue.
    func existingQueueName(_ input: JSONInput) throws(AWSError) -> String {
        let url = try input.requiredString("QueueUrl")
        let name = Self.queueName(fromURL: url)
        guard queues[name] != nil, Self.accountOf(queueURL: url).map({ $0 == accountID }) ?? true else {
            throw Self.queueDoesNotExist
        }
        return name
    }

    /// The account segment of `http://host/ACCOUNT/NAME`; nil when the URL has no such segment.
    static func accountOf(queueURL url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let segments = url[schemeEnd.upperBound...].split(separator: "/", omittingEmptySubsequences: true)
        // host, account, name
        return segments.count >= 3 ? String(segments[segments.count - 2]) : nil
    }

    /// Commits `changes` (lock held); a storage failure becomes a 500 and the caller's change is not answered
    /// as done.
    func commit(_ changes: [StoreChange]) throws(AWSError) {
        do {
            try store.apply(changes)
        } catch {
            logger.error("store write failed", metadata: ["error": "\(error)"])
            throw AWSError.internalFailure("The emulator could not save the change: \(error)")
        }
    }

    // MARK: Dispatch

    /// Runs one SQS operation. Input and output are in the JSON protocol's shapes.
    package func handle(
        _ action: String,
        _ input: JSONInput,
        caller: CallerContext
    ) async throws(AWSError)
        -> [String: Any]
    {
        switch action {
        case "CreateQueue": return try createQueue(input, caller: caller)
        case "GetQueueUrl": return try getQueueURL(input, caller: caller)
        case "ListQueues": return try listQueues(input, caller: caller)
        case "DeleteQueue": return try deleteQueue(input)
        case "GetQueueAttributes": return try getQueueAttributes(input)
        case "SetQueueAttributes": return try setQueueAttributes(input)
        case "TagQueue": return try tagQueue(input)
        case "UntagQueue": return try untagQueue(input)
        case "ListQueueTags": return try listQueueTags(input)
        case "PurgeQueue": return try purgeQueue(input)
        case "ListDeadLetterSourceQueues": return try listDeadLetterSourceQueues(input, caller: caller)
        case "SendMessage": return try sendMessage(input, caller: caller)
        case "SendMessageBatch": return try sendMessageBatch(input, caller: caller)
        case "ReceiveMessage": return try await receiveMessage(input)
        case "DeleteMessage": return try deleteMessage(input)
        case "DeleteMessageBatch": return try deleteMessageBatch(input)
        case "ChangeMessageVisibility": return try changeMessageVisibility(input)
        case "ChangeMessageVisibilityBatch": return try changeMessageVisibilityBatch(input)
        case "StartMessageMoveTask": return try startMessageMoveTask(input)
        case "ListMessageMoveTasks": return try listMessageMoveTasks(input)
        case "CancelMessageMoveTask": return try cancelMessageMoveTask(input)
        case "AddPermission", "RemovePermission":
            throw AWSError(
                "UnsupportedOperation",
                queryCode: "AWS.SimpleQueueService.UnsupportedOperation",
                "\(action) is not supported by the emulator."
            )
        default:
            throw AWSError.invalidAction(action)
        }
    }
}
