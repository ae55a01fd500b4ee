import Foundation
import Synchronization

/// Every function's invocations, newest last, bounded (the oldest are dropped past `capacity`), with per-function
/// counters that are never dropped (Lambda's `Invocations` and `Errors`) and how each invocation ended (what an
/// `Errors` alarm evaluates). Times are on the emulator's clock. Writes are synchronous so that the
/// order is the order in which the hosts recorded.
package final class LambdaInvocationJournal: Sendable {
    /// The `errorType` of invocations cut short because the emulator stopped: counted as crashes.
    package static let shutdownErrorType = "ServiceException"

    package struct Counters: Sendable, Equatable {
        package var invocations = 0
        package var errors = 0
    }

    /// Everything that changes, behind one lock.
    private struct State {
        /// Records in order; `records[i]` has sequence number `firstSequence + i`.
        var records: [LambdaInvocationRecord] = []
        var firstSequence = 0
        /// Running invocations: request id → sequence number (an async retry reuses its request id).
        var running: [String: Int] = [:]
        var counters: [String: Counters] = [:]
        var ends: [String: [LambdaInvocationEnd]] = [:]
    }

    private let capacity: Int
    private let state = Mutex(State())

    package init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
    }

    /// An invocation was accepted by a function (not throttled).
    package func begin(_ invocation: LambdaInvocation, function: String, at date: Date) {
        state.withLock { state in
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
            state.running[invocation.requestID] = state.firstSequence + state.records.count
            state.records.append(record)
            state.counters[function, default: Counters()].invocations += 1
            if state.records.count > capacity {
                let drop = state.records.count - capacity
                state.records.removeFirst(drop)
                state.firstSequence += drop
            }
        }
    }

    /// The invocation `requestID` ended.
    package func end(_ requestID: String, function: String, outcome: LambdaInvocationOutcome, at date: Date) {
        let result = LambdaInvocationRecord.Outcome(outcome)
        state.withLock { state in
            if let sequence = state.running.removeValue(forKey: requestID), sequence >= state.firstSequence {
                let index = sequence - state.firstSequence
                state.records[index].endedAt = date
                state.records[index].outcome = result
                if case .failure(let error) = outcome {
                    state.records[index].errorType = error.errorType
                    state.records[index].errorMessage = error.errorMessage
                }
            }
            if result.isFailure { state.counters[function, default: Counters()].errors += 1 }
            var list = state.ends[function, default: []]
            list.append(LambdaInvocationEnd(at: date, failed: result.isFailure))
            if list.count > capacity { list.removeFirst(list.count - capacity) }
            state.ends[function] = list
        }
    }

    /// The kept invocations, oldest first, of one function or of all.
    package func records(function: String? = nil) -> [LambdaInvocationRecord] {
        let all = state.withLock { $0.records }
        guard let function else { return all }
        return all.filter { $0.function == function }
    }

    package func counters(function: String) -> Counters { state.withLock { $0.counters[function] ?? Counters() } }

    /// How the invocations of `function` ended, oldest first (the last `capacity`).
    package func invocationEnds(function: String) -> [LambdaInvocationEnd] {
        state.withLock { $0.ends[function] ?? [] }
    }

    /// When the failed invocations (error, timeout, crash) of `function` ended, oldest first.
    package func failureEndTimes(function: String) -> [Date] {
        invocationEnds(function: function).filter(\.failed).map(\.at)
    }

    package func removeAll() {
        state.withLock { state in
            state.firstSequence += state.records.count
            state.records = []
            state.running = [:]
            state.counters = [:]
            state.ends = [:]
        }
    }
}
