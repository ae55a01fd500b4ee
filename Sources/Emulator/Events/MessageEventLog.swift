import Foundation
import Synchronization

/// The emulator's per-message history, in memory and bounded by count: the newest `capacity` events are kept
/// (older ones are dropped, and `dropped` says how many), plus a short preview of each sent message's body for
/// the newest `capacity / 10` messages. The counters per kind and queue are never dropped: they are the
/// dashboard's edge counts. Nothing here is stored in SQLite; a restart starts an empty history.
package final class MessageEventLog: Sendable {
    /// How a sent message's body is kept for the timeline: at most `previewLength` characters, and the Sentry
    /// issue id when the body carries one (`"issue_id": "…"`), found in the whole body.
    package struct Preview: Sendable, Equatable {
        package var text: String
        package var issueID: String?
    }

    struct State {
        var events: [MessageEvent] = []
        /// Index of the oldest event in `events` once the ring is full.
        var start = 0
        var nextSequence = 1
        var dropped = 0
        var counts: [String: [String: Int]] = [:]
        var previews: [String: Preview] = [:]
        var previewOrder: [String] = []
    }

    package let capacity: Int
    package static let previewLength = 600
    private let state = Mutex(State())

    package init(capacity: Int = 10_000) {
        self.capacity = max(10, capacity)
    }

    /// Records one event; returns its sequence number.
    @discardableResult
    package func record(
        _ kind: MessageEvent.Kind,
        queue: String,
        messageID: String,
        time: Int64,
        details: [String: String] = [:]
    ) -> Int {
        state.withLock { state in
            let event = MessageEvent(
                sequence: state.nextSequence,
                time: time,
                kind: kind,
                queue: queue,
                messageID: messageID,
                details: details
            )
            state.nextSequence += 1
            if state.events.count < capacity {
                state.events.append(event)
            } else {
                state.events[state.start] = event
                state.start = (state.start + 1) % capacity
                state.dropped += 1
            }
            state.counts[kind.rawValue, default: [:]][queue, default: 0] += 1
            return event.sequence
        }
    }

    /// Records a send, keeping a preview of the body.
    package func recordSent(queue: String, messageID: String, body: String, time: Int64, by sender: String) {
        let preview = Preview(text: String(body.prefix(Self.previewLength)), issueID: Self.issueID(in: body))
        state.withLock { state in
            state.previews[messageID] = preview
            state.previewOrder.append(messageID)
            let keep = max(1, capacity / 10)
            if state.previewOrder.count > keep {
                let gone = state.previewOrder.count - keep
                for id in state.previewOrder.prefix(gone) { state.previews[id] = nil }
                state.previewOrder.removeFirst(gone)
            }
        }
        record(.sent, queue: queue, messageID: messageID, time: time, details: ["by": sender])
    }

    /// Every event kept, oldest first.
    package var all: [MessageEvent] {
        state.withLock { state in Array(state.events[state.start...] + state.events[..<state.start]) }
    }

    /// Events with a sequence number above `after`, oldest first, at most `limit`.
    package func events(after: Int, limit: Int = 500) -> [MessageEvent] {
        Array(all.lazy.filter { $0.sequence > after }.prefix(max(0, limit)))
    }

    /// The events of one message, and of the messages it became when re-driven (each move task gives it a new
    /// id), oldest first; with the ids of that chain.
    package func history(of messageID: String) -> (ids: [String], events: [MessageEvent]) {
        let events = all
        var ids = [messageID]
        var index = 0
        // Follow re-drives forward (bounded by the number of events), and back to where this id came from.
        while index < ids.count, index < events.count + 1 {
            let id = ids[index]
            for event in events where event.messageID == id && event.kind == .redriven {
                if let next = event.details["newMessageId"], !ids.contains(next) { ids.append(next) }
            }
            for event in events where event.kind == .redriven && event.details["newMessageId"] == id {
                if !ids.contains(event.messageID) { ids.append(event.messageID) }
            }
            index += 1
        }
        let chain = Set(ids)
        let mine = events.filter { chain.contains($0.messageID) }
        // The chain in the order it happened: each id where it first appears, a re-drive's new id right after it.
        var ordered: [String] = []
        for event in mine {
            for id in [event.messageID, event.details["newMessageId"]].compactMap({ $0 }) where !ordered.contains(id) {
                ordered.append(id)
            }
        }
        return (ordered.isEmpty ? ids : ordered, mine)
    }

    package func preview(of messageID: String) -> Preview? {
        state.withLock { $0.previews[messageID] }
    }

    /// Counts per kind, then per queue, since start (or the last reset).
    package var counts: [String: [String: Int]] { state.withLock { $0.counts } }
    package var dropped: Int { state.withLock { $0.dropped } }
    package var lastSequence: Int { state.withLock { $0.nextSequence - 1 } }

    /// Forgets everything (`POST /_devstack/reset`); sequence numbers keep increasing, so a reader that
    /// follows with `after` never sees a number twice.
    package func reset() {
        state.withLock { state in
            let next = state.nextSequence
            state = State()
            state.nextSequence = next
        }
    }

    /// The value of the first `"issue_id"` string or number in a JSON text, without parsing it whole.
    static func issueID(in body: String) -> String? {
        guard let key = body.range(of: "\"issue_id\"") else { return nil }
        var rest = body[key.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\t" || $0 == "\n" }
        if rest.first == "\"" { rest = rest.dropFirst() }
        let digits = rest.prefix { $0.isNumber }
        return digits.isEmpty ? nil : String(digits)
    }
}
