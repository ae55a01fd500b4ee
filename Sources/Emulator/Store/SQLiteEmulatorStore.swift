import AWSClient
import Foundation
import GRDB

/// The emulator's state in one SQLite file (WAL), through GRDB. One small row per message, so a send is one
/// INSERT and a receive of ten is ten UPDATEs, in one transaction each, whatever the depth of the queue.
package final class SQLiteEmulatorStore: EmulatorStore {
    private let database: DatabaseQueue

    package init(path: String) throws {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            // WAL with synchronous=FULL: a committed transaction survives a crash of the process or the machine.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try Self.migrator.migrate(database)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE queue (
                        name TEXT PRIMARY KEY NOT NULL,
                        attributes TEXT NOT NULL,
                        tags TEXT NOT NULL,
                        createdAt INTEGER NOT NULL,
                        modifiedAt INTEGER NOT NULL,
                        nextSequence INTEGER NOT NULL);
                    CREATE TABLE message (
                        queue TEXT NOT NULL,
                        id TEXT NOT NULL,
                        body TEXT NOT NULL,
                        attributes TEXT NOT NULL,
                        traceHeader TEXT,
                        sentAt INTEGER NOT NULL,
                        sequence INTEGER NOT NULL,
                        visibleAt INTEGER NOT NULL,
                        receiveCount INTEGER NOT NULL,
                        firstReceiveAt INTEGER,
                        receiptToken TEXT,
                        senderId TEXT NOT NULL,
                        groupId TEXT,
                        deduplicationId TEXT,
                        sequenceNumber TEXT,
                        deadLetterSourceArn TEXT,
                        PRIMARY KEY (queue, id));
                    CREATE TABLE deduplication (
                        queue TEXT NOT NULL,
                        key TEXT NOT NULL,
                        messageId TEXT NOT NULL,
                        sequenceNumber TEXT,
                        expiresAt INTEGER NOT NULL,
                        PRIMARY KEY (queue, key));
                    CREATE TABLE record (
                        kind TEXT NOT NULL,
                        key TEXT NOT NULL,
                        json BLOB NOT NULL,
                        PRIMARY KEY (kind, key));
                    """
            )
        }
        return migrator
    }

    package func apply(_ changes: [StoreChange]) throws {
        guard !changes.isEmpty else { return }
        try database.write { db in
            for change in changes {
                try Self.apply(change, in: db)
            }
        }
    }

    private static func apply(_ change: StoreChange, in db: Database) throws {
        switch change {
        case .queue(let queue):
            try db.execute(
                sql: """
                    INSERT INTO queue (name, attributes, tags, createdAt, modifiedAt, nextSequence)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET attributes = excluded.attributes, tags = excluded.tags,
                        modifiedAt = excluded.modifiedAt, nextSequence = excluded.nextSequence
                    """,
                arguments: [
                    queue.name, encode(queue.attributes), encode(queue.tags), queue.createdAt, queue.modifiedAt,
                    queue.nextSequence,
                ]
            )
        case .deleteQueue(let name):
            try db.execute(sql: "DELETE FROM queue WHERE name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM message WHERE queue = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM deduplication WHERE queue = ?", arguments: [name])
        case .purgeQueue(let name):
            try db.execute(sql: "DELETE FROM message WHERE queue = ?", arguments: [name])
        case .message(let queue, let message):
            // Cached statements: the per-message writes are compiled once per connection, not per request.
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO message (queue, id, body, attributes, traceHeader, sentAt, sequence,
                        visibleAt, receiveCount, firstReceiveAt, receiptToken, senderId, groupId, deduplicationId,
                        sequenceNumber, deadLetterSourceArn)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    queue, message.id, message.body, encodeAttributes(message.messageAttributes),
                    message.traceHeader, message.sentAt, message.sequence, message.visibleAt, message.receiveCount,
                    message.firstReceiveAt, message.receiptToken, message.senderId, message.groupId,
                    message.deduplicationId, message.sequenceNumber, message.deadLetterSourceArn,
                ])
        case .receiveState(let queue, let message):
            try db.cachedStatement(
                sql: """
                    UPDATE message SET visibleAt = ?, receiveCount = ?, firstReceiveAt = ?, receiptToken = ?
                    WHERE queue = ? AND id = ?
                    """
            ).execute(
                arguments: [
                    message.visibleAt, message.receiveCount, message.firstReceiveAt, message.receiptToken, queue,
                    message.id,
                ])
        case .deleteMessage(let queue, let id):
            try db.cachedStatement(sql: "DELETE FROM message WHERE queue = ? AND id = ?").execute(arguments: [
                queue, id,
            ])
        case .deduplication(let queue, let key, let entry):
            try db.cachedStatement(
                sql:
                    "INSERT OR REPLACE INTO deduplication (queue, key, messageId, sequenceNumber, expiresAt) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [queue, key, entry.messageID, entry.sequenceNumber, entry.expiresAt])
        case .record(let kind, let key, let json):
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO record (kind, key, json) VALUES (?, ?, ?)")
                .execute(arguments: [kind, key, json])
        case .deleteRecord(let kind, let key):
            try db.execute(sql: "DELETE FROM record WHERE kind = ? AND key = ?", arguments: [kind, key])
        case .reset:
            for table in ["queue", "message", "deduplication", "record"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
        }
    }

    package func load() throws -> StoreSnapshot {
        try database.read { db in
            var snapshot = StoreSnapshot()
            for row in try Row.fetchAll(db, sql: "SELECT * FROM queue") {
                snapshot.queues.append(
                    StoredQueue(
                        name: row["name"],
                        attributes: Self.decode(row["attributes"]),
                        tags: Self.decode(row["tags"]),
                        createdAt: row["createdAt"],
                        modifiedAt: row["modifiedAt"],
                        nextSequence: row["nextSequence"]
                    )
                )
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM message ORDER BY queue, sequence") {
                var message = SQSStoredMessage(
                    id: row["id"],
                    body: row["body"],
                    messageAttributes: Self.decodeAttributes(row["attributes"]),
                    traceHeader: row["traceHeader"],
                    sentAt: row["sentAt"],
                    sequence: row["sequence"],
                    visibleAt: row["visibleAt"],
                    senderId: row["senderId"],
                    groupId: row["groupId"],
                    deduplicationId: row["deduplicationId"],
                    sequenceNumber: row["sequenceNumber"]
                )
                message.receiveCount = row["receiveCount"]
                message.firstReceiveAt = row["firstReceiveAt"]
                message.receiptToken = row["receiptToken"]
                message.deadLetterSourceArn = row["deadLetterSourceArn"]
                snapshot.messages[row["queue"], default: []].append(message)
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM deduplication") {
                snapshot.deduplication[row["queue"], default: []].append(
                    (
                        row["key"],
                        SQSQueue.DeduplicationEntry(
                            messageID: row["messageId"],
                            sequenceNumber: row["sequenceNumber"],
                            expiresAt: row["expiresAt"]
                        )
                    )
                )
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM record") {
                snapshot.records[row["kind"], default: []].append((row["key"], row["json"]))
            }
            return snapshot
        }
    }

    private static func encode(_ map: [String: String]) -> String {
        (try? String(decoding: JSONEncoder().encode(map), as: UTF8.self)) ?? "{}"
    }

    private static func decode(_ text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    private static func encodeAttributes(_ map: [String: SQSMessageAttributeValue]) -> String {
        map.isEmpty ? "{}" : ((try? String(decoding: JSONEncoder().encode(map), as: UTF8.self)) ?? "{}")
    }

    private static func decodeAttributes(_ text: String) -> [String: SQSMessageAttributeValue] {
        text == "{}"
            ? [:] : ((try? JSONDecoder().decode([String: SQSMessageAttributeValue].self, from: Data(text.utf8))) ?? [:])
    }
}
