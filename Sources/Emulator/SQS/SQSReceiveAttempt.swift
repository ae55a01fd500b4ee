/// A FIFO receive made with a `ReceiveRequestAttemptId`, kept so a retry with the same id (a client that lost the
/// answer) gets the same messages and receipt handles again instead of a new receive, for five minutes while none
/// of them was deleted, had its visibility changed, or became visible again. Kept in memory only: after a restart
/// a retry is a new receive, as after the window.
struct SQSReceiveAttempt: Sendable {
    static let windowMillis: Int64 = 5 * 60 * 1000

    var delivered: [SQSStoredMessage]
    var expiresAt: Int64

    /// The delivered messages as they are now in `queue`, or nil when the attempt no longer holds.
    func replay(in queue: SQSQueue, now: Int64) -> [SQSStoredMessage]? {
        guard now < expiresAt else { return nil }
        var out: [SQSStoredMessage] = []
        for message in delivered {
            guard let current = queue.messages[message.id], current.receiptToken == message.receiptToken,
                current.visibleAt == message.visibleAt, current.visibleAt > now
            else { return nil }
            out.append(current)
        }
        return out
    }
}
