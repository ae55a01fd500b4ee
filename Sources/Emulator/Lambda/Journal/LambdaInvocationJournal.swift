import Foundation

/// Every function's invocations, newest last, bounded (the oldest are dropped past `capacity`), with per-function
/// counters that are never dropped (Lambda's `Invocations` and `Errors`) and how each invocation ended (what an
/// `Errors` alarm evaluates). Times are on the emulator's clock. Writes are synchronous so that the
/// order is the order in which the hosts recorded.
package final class LambdaInvocationJournal: @unchecked Sendable {
    /// The `errorType` of invocations cut short because the emulator stopped: counted as crashes.
    package static let shutdownErrorType = "ServiceException"

    package struct Counters: Sendable, Equatable {
        package var invocations = 0
        package var errors = 0
    }

    private let lock = NSLock()
    private let capacity: Int
    /// Records in order; `records[i]` has sequence number `firstSequence + i`.
    private var records: [LambdaInvocationRecord] = []
    private var firstSequence = 0
    /// Running invocations: request id → sequence number (an async retry reuses its request id).
    private var running: [String: Int] = [:]
    private var counters: [String: Counters] = [:]
    private var ends: [String: [LambdaInvocationEnd]] = [:]

    package init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
    }

    /// An invocation was accepted by a function (not throttled).
    package func begin(_ invocation: LambdaInvocation, function: String, at date: Date) {
        lock.withLock {
            let record = LambdaInvocationRecord(
                requestID: invocation.requestID,
                function: function,
                source: invocation.source,
                startedAt: date,
                endedAt: nil,
                outcome: .running,
                errorType: nil,
                errorMessage: nil,
                messageIDs: invocation.messageIDs
            )
            running[invocation.requestID] = firstSequence + records.count
            records.append(record)
            counters[function, default: Counters()].invocations += 1
            if records.count > capacity {
                let drop = records.count - capacity
                records.removeFirst(drop)
                firstSequence += drop
            }
        }
    }

    /// The invocation `requestID` ended.
    package func end(_ requestID: String, function: String, outcome: LambdaInvocationOutcome, at date: Date) {
        let result = LambdaInvocationRecord.Outcome(outcome)
        lock.withLock {
            if let sequence = running.removeValue(forKey: requestID), sequence >= firstSequence {
                let index = sequence - firstSequence
                records[index].endedAt = date
                records[index].outcome = result
                if case .failure(let error) = outcome {
                    records[index].errorType = error.errorType
                    records[index].errorMessage = error.errorMessage
                }
            }
            if result.isFailure { counters[function, default: Counters()].errors += 1 }
            var list = ends[function, default: []]
            list.append(LambdaInvocationEnd(at: date, failed: result.isFailure))
            if list.count > capacity { list.removeFirst(list.count - capacity) }
            ends[function] = list
        }
    }

    /// The kept invocations, oldest first, of one function or of all.
    package func records(function: String? = nil) -> [LambdaInvocationRecord] {
        let all = lock.withLock { records }
        guard let function else { return all }
        return all.filter { $0.function == function }
    }

    package func counters(function: String) -> Counters { lock.withLock { counters[function] ?? Counters() } }

    /// How the invocations of `function` ended, oldest first (the last `capacity`).
    package func invocationEnds(function: String) -> [LambdaInvocationEnd] { lock.withLock { ends[function] ?? [] } }

    /// When the failed invocations (error, timeout, crash) of `function` ended, oldest first.
    package func failureEndTimes(function: String) -> [Date] {
        invocationEnds(function: function).filter(\.failed).map(\.at)
    }

    package func removeAll() {
        lock.withLock {
            firstSequence += records.count
            records = []
            running = [:]
            counters = [:]
            ends = [:]
        }
    }
}
