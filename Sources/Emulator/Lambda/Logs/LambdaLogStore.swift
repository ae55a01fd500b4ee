import Foundation

/// Every function's log lines in order, bounded per function; what `devstack logs` and `LogType: Tail` read.
/// Appends are synchronous so that lines keep the order in which they were recorded.
package final class LambdaLogStore: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [String: [LambdaLogEvent]] = [:]
    private var sequence: [String: Int] = [:]
    private let capacityPerFunction: Int

    package init(capacityPerFunction: Int = 10_000) {
        self.capacityPerFunction = max(1, capacityPerFunction)
    }

    package func append(_ event: LambdaLogEvent) {
        lock.lock()
        defer { lock.unlock() }
        var list = events[event.function, default: []]
        list.append(event)
        if list.count > capacityPerFunction { list.removeFirst(list.count - capacityPerFunction) }
        events[event.function] = list
        sequence[event.function, default: 0] += 1
    }

    /// The lines of `function`, optionally only those of one invocation.
    package func events(function: String, requestID: String? = nil) -> [LambdaLogEvent] {
        let all = lock.withLock { events[function] ?? [] }
        guard let requestID else { return all }
        return all.filter { $0.requestID == requestID }
    }

    /// How many lines `function` has ever logged (for followers: read again when it grows).
    package func count(function: String) -> Int { lock.withLock { sequence[function] ?? 0 } }

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

    package func removeAll() {
        lock.withLock {
            events = [:]
            sequence = [:]
        }
    }
}
