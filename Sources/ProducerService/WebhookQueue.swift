import ServiceSupport

/// Where verified webhooks go: `SendMessage` to `QUEUE_URL` in production, a fake in tests.
public protocol WebhookQueue: Sendable {
    /// Enqueues `body` unchanged with string message attributes; returns the message id.
    /// Must give up by `deadline`.
    func enqueue(body: String, attributes: [String: String], deadline: Deadline) async throws -> String
}
