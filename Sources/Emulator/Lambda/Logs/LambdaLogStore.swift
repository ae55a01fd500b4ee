import Foundation
import Synchronization

/// Every function's log lines in order, bounded per function; what `devstack logs`, the admin API and
/// `LogType: Tail` read. Each line gets a sequence number, increasing over all functions, so that a follower asks
/// for what came `after` the last one it saw. Appends are synchronous so that lines keep the order in which they
/// were recorded.
package final class LambdaLogStore: Sendable {
    /// A line with its sequence number.
    package struct Entry: Sendable, Equatable {
        package var sequence: Int
        package var event: LambdaLogEvent
    }

    /// Everything that changes, behind one lock.
    private struct State {
        var entries: [String: [Entry]] = [:]
        var sequence: [String: Int] = [:]
        var lastSequence = 0
    }

    private let state = Mutex(State())
    private let capacityPerFunction: Int

    package init(capacityPerFunction: Int = 10_000) {
        self.capacityPerFunction = max(1, capacityPerFunction)
    }

    package func append(_ event: LambdaLogEvent) {
        state.withLock { state in
            state.lastSequence += 1
            var list = state.entries[event.function, default: []]
            list.append(Entry(sequence: state.lastSequence, event: event))
            if list.count > capacityPerFunction { list.removeFirst(list.count - capacityPerFunction) }
            state.entries[event.function] = list
            state.sequence[event.function, default: 0] += 1
        }
    }

    /// The lines of `function`, optionally only those of one invocation.
    package func events(function: String, requestID: String? = nil) -> [LambdaLogEvent] {
        let all = state.withLock { $0.entries[function] ?? [] }.map(\.event)
        guard let requestID else { return all }
        return all.filter { $0.requestID == requestID }
    }

    /// The kept lines with a sequence number above `after`, of one function or of all, oldest first, at most
    /// `limit`; `next` is the sequence number to pass as `after` to read on (unchanged when nothing is new).
    package func page(function: String?, after: Int = 0, limit: Int = 1_000) -> (entries: [Entry], next: Int) {
        let selected: [Entry] = state.withLock { state in
            if let function { return (state.entries[function] ?? []).filter { $0.sequence > after } }
            return state.entries.values.flatMap { $0.filter { $0.sequence > after } }.sorted {
                $0.sequence < $1.sequence
            }
        }
        let page = Array(selected.prefix(max(1, limit)))
        return (page, page.last?.sequence ?? after)
    }

    /// How many lines `function` has ever logged (for followers: read again when it grows).
    package func count(function: String) -> Int { state.withLock { $0.sequence[function] ?? 0 } }

    /// The last `bytes` bytes of one invocation's lines, newline-terminated, cut on a UTF-8 boundary: Lambda's
    /// `LogType: Tail`.
    package func tail(function: String, requestID: String, bytes: Int = LambdaLimits.logTailBytes) -> String {
        let text = events(function: function, requestID: requestID).map { $0.message + "\n" }.joined()
        let utf8 = Array(text.utf8)
        guard utf8.count > bytes else { return text }
        var start = utf8.count - bytes
        while start < utf8.count, utf8[start] & 0xC0 == 0x80 { start += 1 }
        return String(decoding: utf8[start...], as: UTF8.self)
    }

    /// Forgets every line; sequence numbers keep increasing, so a follower never sees a number twice.
    package func removeAll() {
        state.withLock { state in
            state.entries = [:]
            state.sequence = [:]
        }
    }
}
