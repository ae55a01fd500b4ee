/// A binary min-heap of (time, sequence) entries: the order in which a standard queue's messages become
/// receivable. Entries are never removed from the middle; stale ones are skipped when they surface.
package struct ScheduleHeap: Sendable {
    package struct Entry: Sendable, Equatable {
        package var time: Int64
        package var sequence: Int64
        package var id: String
        package var version: Int

        func precedes(_ other: Entry) -> Bool {
            time != other.time ? time < other.time : sequence < other.sequence
        }
    }

    private var items: [Entry] = []

    package init() {}

    package var count: Int { items.count }
    package var first: Entry? { items.first }

    package mutating func push(_ entry: Entry) {
        items.append(entry)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].precedes(items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    @discardableResult
    package mutating func popFirst() -> Entry? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var best = parent
            if left < items.count, items[left].precedes(items[best]) { best = left }
            if right < items.count, items[right].precedes(items[best]) { best = right }
            if best == parent { break }
            items.swapAt(parent, best)
            parent = best
        }
        return top
    }

    package mutating func removeAll() { items.removeAll() }
}
