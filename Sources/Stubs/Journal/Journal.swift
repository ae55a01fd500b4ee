import Synchronization

/// Every request a stub answered, in order, bounded to the newest `capacity` entries and, per entry, to the first
/// `bodyCap` bytes of each body (the entry keeps the full size and says it was cut), so a flood of large posts
/// cannot grow a stub without bound. Thread-safe; recording is a short critical section so it stays off the
/// request path's critical cost.
package final class Journal: Sendable {
    private struct State {
        var entries: [JournalEntry] = []
        var nextID = 1
        var dropped = 0
    }

    package let capacity: Int
    /// Bytes of each request and response body kept.
    package let bodyCap: Int
    private let state = Mutex(State())

    package init(capacity: Int = 10_000, bodyCap: Int = 64 * 1024) {
        self.capacity = max(1, capacity)
        self.bodyCap = max(0, bodyCap)
    }

    /// Stores `entry` under the next id and returns that id.
    @discardableResult
    package func record(_ entry: JournalEntry) -> Int {
        var entry = entry
        if entry.body.count > bodyCap {
            entry.bodyTruncatedFrom = entry.body.count
            entry.body = Array(entry.body.prefix(bodyCap))
        }
        if entry.responseBody.count > bodyCap {
            entry.responseTruncatedFrom = entry.responseBody.count
            entry.responseBody = Array(entry.responseBody.prefix(bodyCap))
        }
        return state.withLock { state in
            entry.id = state.nextID
            state.nextID += 1
            state.entries.append(entry)
            // Trim in batches of a quarter of the capacity, so a full journal costs O(1) per request on average.
            if state.entries.count >= capacity + max(1, capacity / 4) {
                let excess = state.entries.count - capacity
                state.entries.removeFirst(excess)
                state.dropped += excess
            }
            return entry.id
        }
    }

    package func entries(matching filter: JournalFilter = JournalFilter()) -> [JournalEntry] {
        let all = state.withLock { $0.entries.suffix(capacity) }
        let matching = all.filter(filter.matches)
        if let limit = filter.limit, matching.count > limit { return Array(matching.suffix(limit)) }
        return matching
    }

    package func count(matching filter: JournalFilter = JournalFilter()) -> Int {
        state.withLock { $0.entries.suffix(capacity).lazy.filter(filter.matches).count }
    }

    /// Entries that fell off the front because the journal was full.
    package var dropped: Int { state.withLock { $0.dropped + max(0, $0.entries.count - capacity) } }

    /// Forgets every entry and returns how many there were. Ids keep increasing.
    @discardableResult
    package func reset() -> Int {
        state.withLock { state in
            let count = state.entries.count
            state.entries.removeAll()
            state.dropped = 0
            return count
        }
    }
}
