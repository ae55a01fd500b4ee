import AWSClient
import Foundation
import Logging
import Synchronization

/// SQS: every queue, the operations over them (in the JSON protocol's shapes; the query protocol is translated
/// to and from these), and write-through to the store. One lock guards the queues; every acknowledged change
/// is committed to the store before the lock is released and the answer sent.
package final class SQSService: Sendable {
    /// Everything that changes, behind one lock; an operation gets it `inout` from `locked`.
    struct State {
        var queues: [String: SQSQueue] = [:]
        var moveTasks: [String: SQSMoveTask] = [:]
        /// FIFO receives made with a `ReceiveRequestAttemptId`, by queue name and attempt id.
        var receiveAttempts: [String: SQSReceiveAttempt] = [:]
        /// The running drivers of move tasks, by task handle.
        var moveDrivers: [String: Task<Void, Never>] = [:]
    }

    let state = Mutex(State())
    /// The host names the emulator has written into queue URLs it answered with (see `checkQueueURLHost`).
    let issuedHosts = Mutex<Set<String>>([])
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

    /// Runs `body` holding the lock, with the state to read and change and its typed error. `body` must not
    /// `await` nor call a method that takes the lock again (a `Mutex` is not re-entrant).
    func locked<Result, Failure: Error>(
        _ body: (inout State) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        try state.withLock { (state: inout State) throws(Failure) -> sending Result in try body(&state) }
    }

    /// Mutates the queue called `name` in place (lock held), so its message storage is never copied.
    func mutateQueue<Result>(
        _ name: String,
        in state: inout State,
        _ body: (inout SQSQueue) throws(AWSError) -> Result
    ) throws(AWSError)
        -> Result
    {
        guard var queue = state.queues.removeValue(forKey: name) else { throw Self.queueDoesNotExist }
        defer { state.queues[name] = queue }
        return try body(&queue)
    }

    var nowMillis: Int64 { Int64((clock.now().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Rebuilds the queues from a snapshot read at start-up.
    package func restore(_ snapshot: StoreSnapshot) {
        stopMoveTasks()
        locked { state in
            state.queues.removeAll()
            state.receiveAttempts.removeAll()
            for stored in snapshot.queues {
                var queue = SQSQueue(name: stored.name, attributes: [:], tags: stored.tags, now: stored.createdAt)
                queue.attributes = stored.attributes
                queue.modifiedAt = stored.modifiedAt
                queue.restoreSequence(stored.nextSequence)
                for message in snapshot.messages[stored.name] ?? [] { queue.restore(message) }
                for (key, entry) in snapshot.deduplication[stored.name] ?? [] {
                    queue.restoreDeduplication(key, entry)
                }
                state.queues[stored.name] = queue
            }
            state.moveTasks.removeAll()
            for (key, json) in snapshot.records[SQSMoveTask.recordKind] ?? [] {
                if let task = try? JSONDecoder().decode(SQSMoveTask.self, from: json) { state.moveTasks[key] = task }
            }
        }
        resumeMoveTasks()
    }

    /// Drops everything (the store is reset by the caller).
    package func reset() {
        stopMoveTasks()
        locked { state in
            state.queues.removeAll()
            state.moveTasks.removeAll()
            state.receiveAttempts.removeAll()
        }
    }

    // MARK: Naming

    package func arn(_ name: String) -> String { "arn:aws:sqs:\(region):\(accountID):\(name)" }

    package func url(_ name: String, host: String) -> String {
        let hostName = Self.hostName(host)
        if !issuedHosts.withLock({ $0.contains(hostName) }) { issuedHosts.withLock { _ = $0.insert(hostName) } }
        return "http://\(host)/\(accountID)/\(name)"
    }

    /// A queue URL's host must be one a client of this emulator can have been given: the host this request came
    /// to, a host the emulator has put in a queue URL it answered with, a loopback name, or the names AWS's own
    /// endpoints for this region have (`sqs.REGION.amazonaws.com`, `REGION.queue.amazonaws.com`, and the legacy
    /// `queue.amazonaws.com` in us-east-1), which SDKs build from a region. Ports are not compared. Any other
    /// host is another endpoint's queue: `QueueDoesNotExist`, as AWS answers for a queue it does not have. A
    /// `QueueUrl` that is no URL (no `scheme://`) is read as before, by its last path segment.
    func checkQueueURLHost(_ url: String, caller: CallerContext) throws(AWSError) {
        guard let schemeEnd = url.range(of: "://") else { return }
        let authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" }
        let host = Self.hostName(String(authority))
        let known: Set<String> = [
            Self.hostName(caller.host), "localhost", "127.0.0.1", "::1", "sqs.\(region).amazonaws.com",
            "\(region).queue.amazonaws.com",
        ]
        if known.contains(host) || (region == "us-east-1" && host == "queue.amazonaws.com") { return }
        if host.hasSuffix(".localhost") || issuedHosts.withLock({ $0.contains(host) }) { return }
        throw Self.queueDoesNotExist
    }

    /// The lower-cased host name of `host[:port]` (`[v6]:port` too), without user information.
    static func hostName(_ authority: String) -> String {
        var text = Substring(authority.lowercased())
        if let at = text.lastIndex(of: "@") { text = text[text.index(after: at)...] }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return String(text[text.index(after: text.startIndex)..<close])
        }
        if let colon = text.lastIndex(of: ":") { text = text[..<colon] }
        return String(text)
    }

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
    func existingQueueName(_ input: JSONInput, in state: State) throws(AWSError) -> String {
        let url = try input.requiredString("QueueUrl")
        let name = Self.queueName(fromURL: url)
        guard state.queues[name] != nil, Self.accountOf(queueURL: url).map({ $0 == accountID }) ?? true else {
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
        if let url = try input.string("QueueUrl") { try checkQueueURLHost(url, caller: caller) }
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
        case "AddPermission": return try addPermission(input)
        case "RemovePermission": return try removePermission(input)
        default:
            throw AWSError.invalidAction(action)
        }
    }
}
