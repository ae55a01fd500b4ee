/// Pushes a record's visibility out (`ChangeMessageVisibility`) so it comes back when a rate limit has passed.
public protocol VisibilityExtender: Sendable {
    func extendVisibility(of record: ConsumerRecord, to seconds: Int) async throws
}
