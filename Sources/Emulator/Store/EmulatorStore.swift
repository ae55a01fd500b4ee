import AWSClient
import Foundation

/// One durable change. A request's changes are applied together, in one transaction, before it is answered.
package enum StoreChange: Sendable {
    /// A queue's settings (not its messages).
    case queue(StoredQueue)
    /// A queue and everything in it.
    case deleteQueue(name: String)
    /// A new message, or one rewritten whole.
    case message(queue: String, SQSStoredMessage)
    /// What a receive or a visibility change alters in a stored message: its visibility deadline, receive
    /// count, first receive time and receipt token (the row is updated, not rewritten).
    case receiveState(queue: String, SQSStoredMessage)
    case deleteMessage(queue: String, id: String)
    case purgeQueue(name: String)
    case deduplication(queue: String, key: String, SQSQueue.DeduplicationEntry)
    /// Any other record kept whole as JSON, by kind and key (secrets, move tasks).
    case record(kind: String, key: String, json: Data)
    case deleteRecord(kind: String, key: String)
    /// Everything (`POST /_devstack/reset`).
    case reset
}

/// A queue's settings as stored.
package struct StoredQueue: Sendable, Equatable {
    package var name: String
    package var attributes: [String: String]
    package var tags: [String: String]
    package var createdAt: Int64
    package var modifiedAt: Int64
    package var nextSequence: Int64

    package init(_ queue: SQSQueue) {
        name = queue.name
        attributes = queue.attributes
        tags = queue.tags
        createdAt = queue.createdAt
        modifiedAt = queue.modifiedAt
        nextSequence = queue.nextSequence
    }

    package init(
        name: String,
        attributes: [String: String],
        tags: [String: String],
        createdAt: Int64,
        modifiedAt: Int64,
        nextSequence: Int64
    ) {
        self.name = name
        self.attributes = attributes
        self.tags = tags
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt
        self.nextSequence = nextSequence
    }
}

/// Everything read back at start-up.
package struct StoreSnapshot: Sendable {
    package var queues: [StoredQueue] = []
    package var messages: [String: [SQSStoredMessage]] = [:]
    package var deduplication: [String: [(key: String, entry: SQSQueue.DeduplicationEntry)]] = [:]
    package var records: [String: [(key: String, json: Data)]] = [:]
    package init() {}
}

/// Where the emulator's state lives: SQLite on disk (`SQLiteEmulatorStore`) or nowhere (`--in-memory`).
package protocol EmulatorStore: Sendable {
    /// Commits `changes` atomically; returns only once they are durable.
    func apply(_ changes: [StoreChange]) throws
    func load() throws -> StoreSnapshot
}

/// `--in-memory`: nothing is written.
package struct InMemoryEmulatorStore: EmulatorStore {
    package init() {}
    package func apply(_ changes: [StoreChange]) throws {}
    package func load() throws -> StoreSnapshot { StoreSnapshot() }
}
