import Foundation
import LambdaEvents

/// One poller's batch in the making, without I/O: a batch goes to the function when it holds `BatchSize`
/// records, when the batching window has passed since its first record (at once without a window), or when the
/// next record would take the event over Lambda's 6 MB payload limit.
package struct SQSBatchAccumulator: Sendable {
    package let batchSize: Int
    package let window: Double
    package let payloadLimit: Int
    package private(set) var records: [SQSEventRecord] = []
    private var encoded: [Data] = []
    private var openedAt: Date?

    package init(batchSize: Int, window: Double, payloadLimit: Int = LambdaLimits.requestPayload) {
        self.batchSize = max(1, batchSize)
        self.window = max(0, window)
        self.payloadLimit = payloadLimit
    }

    /// A batch ready for the function: the records and the event's bytes.
    package struct Batch: Sendable, Equatable {
        package var records: [SQSEventRecord]
        package var event: Data
    }

    /// `MaxNumberOfMessages` for the next receive.
    package var receiveMax: Int { max(1, min(10, batchSize - records.count)) }

    /// `WaitTimeSeconds` for the next receive: the rest of the window while a batch is open (a batch is never
    /// held past its window), otherwise a full 20 s long poll.
    package func receiveWait(now: Date) -> Int {
        guard let openedAt, window > 0 else { return records.isEmpty ? 20 : 0 }
        let remaining = openedAt.addingTimeInterval(window).timeIntervalSince(now)
        return max(0, min(20, Int(remaining.rounded(.up))))
    }

    /// When the open batch's window ends.
    package var windowEnd: Date? { openedAt.map { $0.addingTimeInterval(window) } }

    /// Adds received records; returns the batches that are complete.
    package mutating func add(_ incoming: [SQSEventRecord], now: Date) -> [Batch] {
        var ready: [Batch] = []
        for record in incoming {
            let bytes = record.encoded()
            // Received again while its batch waits for the window (its visibility ran out first, as when a virtual
            // clock jumps): the newer receipt replaces the older one. A batch never carries a message twice.
            if let index = records.firstIndex(where: { $0.messageId == record.messageId }) {
                records[index] = record
                encoded[index] = bytes
                continue
            }
            if !records.isEmpty, eventSize(adding: bytes.count) > payloadLimit {
                ready.append(takeBatch())
            }
            if records.isEmpty { openedAt = now }
            records.append(record)
            encoded.append(bytes)
            if records.count >= batchSize { ready.append(takeBatch()) }
        }
        if window == 0, !records.isEmpty { ready.append(takeBatch()) }
        return ready
    }

    /// The open batch if its window has passed.
    package mutating func flushIfDue(now: Date) -> Batch? {
        guard !records.isEmpty, let windowEnd, windowEnd <= now else { return nil }
        return takeBatch()
    }

    /// Whatever is open, regardless of the window (when the mapping stops, the caller leaves these to reappear).
    package mutating func drain() -> Batch? { records.isEmpty ? nil : takeBatch() }

    private func eventSize(adding bytes: Int) -> Int {
        // {"Records":[ + records joined by "," + ]}
        13 + encoded.reduce(0) { $0 + $1.count } + bytes + encoded.count + 2
    }

    private mutating func takeBatch() -> Batch {
        let batch = Batch(records: records, event: SQSEventRecord.event(encodedRecords: encoded))
        records = []
        encoded = []
        openedAt = nil
        return batch
    }
}
