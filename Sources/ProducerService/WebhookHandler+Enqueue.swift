import Foundation
import Logging
import SentryAPI
import ServiceSupport

extension WebhookHandler {
    /// The first attempt always goes out and may run until `deadline` (the invocation's own end): cutting it at
    /// the budget would turn a slow but successful `SendMessage` into a lost alert. `retryBudget` only decides
    /// whether a failed attempt is tried again (at most 5 attempts, a short back-off between them when it fits).
    func enqueue(
        body: String,
        attributes: [String: String],
        retryBudget: Deadline,
        deadline: Deadline,
        logger: Logger
    ) async throws -> String {
        var lastError: (any Error)?
        var backoff = Duration.milliseconds(20)
        var attempts = 0
        for attempt in 1...5 {
            if attempt > 1 {
                guard retryBudget.remaining(at: clock.now()) > backoff else { break }
                try? await clock.sleep(for: backoff)
                backoff = backoff * 2
                guard deadline.remaining(at: clock.now()) > .zero else { break }
            }
            attempts = attempt
            do {
                return try await queue.enqueue(body: body, attributes: attributes, deadline: deadline)
            } catch {
                lastError = error
                logger.warning(
                    "enqueue attempt failed",
                    metadata: ["step": "enqueue", "attempt": "\(attempt)", "error": "\(error)"]
                )
            }
        }
        throw EnqueueError(attempts: attempts, underlying: lastError.map { String(describing: $0) })
    }

    /// One error line holding everything needed to re-deliver this webhook: the headers Sentry sent and the
    /// raw body in base64 (`devstack replay` reads it). Error level: this is a lost alert until replayed.
    func logReplay(_ request: WebhookRequest, raw: [UInt8], reason: String, logger: Logger) {
        var headers: Logger.Metadata = [:]
        for name in [
            WebhookHeader.resource, WebhookHeader.timestamp, WebhookHeader.requestID, WebhookHeader.signature,
            WebhookHeader.appSignature,
        ] {
            if let value = request.header(name) { headers[name] = "\(value)" }
        }
        headers["content-type"] = "\(request.header("content-type") ?? "application/json")"
        logger.error(
            "webhook not enqueued; replay it from this line",
            metadata: [
                "step": "replay", "reason": "\(reason)",
                "replay": [
                    "headers": .dictionary(headers),
                    "body_base64": "\(Data(raw).base64EncodedString())",
                    "body_sha256": "\(WebhookSignature.sha256Hex(raw))",
                ],
            ]
        )
    }
}

struct EnqueueError: Error, CustomStringConvertible {
    var attempts: Int
    var underlying: String?
    var description: String { "not enqueued after \(attempts) attempt(s)" + (underlying.map { ": \($0)" } ?? "") }
}
