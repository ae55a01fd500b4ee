/// Sends a poison record straight to the dead-letter queue (its body unchanged, `reason` as a message
/// attribute) instead of letting it burn its receives.
public protocol DeadLetterSink: Sendable {
    func deadLetter(_ record: ConsumerRecord, reason: String) async throws
}
