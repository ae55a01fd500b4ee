import Foundation
import Logging
import SentryAPI
import ServiceSupport

/// The producer: verify Sentry's signature over the raw body, filter by resource, enqueue within the budget.
///
/// Every outcome is an HTTP answer (401/413/400/200/503), never a thrown error: a stranger posting junk must not
/// make the function fail and page on-call.
public struct WebhookHandler: Sendable {
    public var configuration: ProducerConfiguration
    let secrets: any SecretsProvider
    let queue: any WebhookQueue
    let clock: any ServiceClock

    public init(
        configuration: ProducerConfiguration,
        secrets: any SecretsProvider,
        queue: any WebhookQueue,
        clock: any ServiceClock = SystemClock()
    ) {
        self.configuration = configuration
        self.secrets = secrets
        self.queue = queue
        self.clock = clock
    }

    /// Fetches the secret before the first request (Lambda's init phase), so that no alert waits for Secrets
    /// Manager. A failure is logged, not fatal: the first request fetches again (and answers 503 if it still
    /// cannot). In development mode there is nothing to verify, so nothing is fetched.
    public func warmUp(logger: Logger) async {
        guard !configuration.development else { return }
        do {
            _ = try await secrets.secrets(forceRefresh: false)
            logger.info("fetched the webhook secret at start", metadata: ["step": "init"])
        } catch {
            logger.warning(
                "could not fetch the webhook secret at start; the first request tries again",
                metadata: ["step": "init", "error": "\(error)"]
            )
        }
    }

    /// - Parameter invocationDeadline: when Lambda stops this invocation. The first `SendMessage` may run until
    ///   shortly before it (a late 200 beats a lost alert: Sentry does not retry internal integrations); the
    ///   enqueue budget only decides whether a failed attempt is retried. Without one, 30 s after receipt.
    public func handle(
        _ request: WebhookRequest,
        invocationDeadline: Deadline? = nil,
        logger baseLogger: Logger
    ) async -> WebhookResponse {
        let receivedAt = clock.now()
        var logger = baseLogger
        logger[metadataKey: "request_id"] = "\(request.requestID)"
        if let sentryRequestID = request.header(WebhookHeader.requestID) {
            logger[metadataKey: "sentry_request_id"] = "\(sentryRequestID)"
        }
        let resource = request.header(WebhookHeader.resource)?.trimmingCharacters(in: .whitespaces) ?? ""
        logger[metadataKey: "resource"] = "\(resource)"

        guard request.method.uppercased() == "POST" else {
            logger.info("rejected a non-POST request", metadata: ["step": "method", "method": "\(request.method)"])
            var response = WebhookResponse.json(405, ["error": "method_not_allowed", "message": "use POST"])
            response.headers["allow"] = "POST"
            return response
        }
        guard let raw = request.rawBody else {
            logger.info("rejected a body that is not valid base64", metadata: ["step": "decode"])
            return .json(400, ["error": "invalid_body", "message": "the body is flagged base64 but is not"])
        }
        guard raw.count <= configuration.maxBodyBytes else {
            logger.info("rejected an oversized body", metadata: ["step": "size", "bytes": "\(raw.count)"])
            return .json(
                413,
                [
                    "error": "payload_too_large", "message": "the body exceeds \(configuration.maxBodyBytes) bytes",
                ]
            )
        }

        switch await verify(request, raw: raw, logger: logger) {
        case .verified: break
        case .rejected(let reason):
            logger.warning("rejected a webhook signature", metadata: ["step": "verify", "reason": "\(reason)"])
            return .json(401, ["error": "invalid_signature", "message": reason])
        case .secretsUnavailable(let error):
            logReplay(request, raw: raw, reason: "secrets unavailable: \(error)", logger: logger)
            return .json(503, ["error": "secrets_unavailable", "message": "try again later"])
        }

        guard (try? JSONSerialization.jsonObject(with: Data(raw))) is [String: Any] else {
            logger.info("rejected a body that is not a JSON object", metadata: ["step": "parse"])
            return .json(400, ["error": "invalid_json", "message": "the body is not a JSON object"])
        }
        guard configuration.acceptedResources.contains(resource) else {
            logger.info("ignored a webhook resource", metadata: ["step": "filter"])
            return .json(
                200,
                [
                    "status": "ignored", "resource": resource,
                    "message": "resource '\(resource)' is not enqueued; accepted: "
                        + configuration.acceptedResources.sorted().joined(separator: ", "),
                ]
            )
        }

        let attributes = Self.attributes(for: request, body: raw, resource: resource)
        guard let message = SQSMessageBody.encode(raw, attributes: attributes) else {
            logger.error(
                "webhook too large for SQS even gzipped; not enqueued",
                metadata: [
                    "step": "size", "bytes": "\(raw.count)", "limit": "\(SQSMessageBody.maximumMessageBytes)",
                    "body_sha256": "\(WebhookSignature.sha256Hex(raw))",
                ]
            )
            return .json(
                413,
                ["error": "payload_too_large", "message": "the body cannot fit in one SQS message"]
            )
        }
        if let encoding = message.encoding {
            logger.info(
                "enqueued encoded: SQS cannot carry the body as text within its limit",
                metadata: [
                    "step": "encode", "body_encoding": "\(encoding.rawValue)", "bytes": "\(raw.count)",
                    "encoded_bytes": "\(message.body.utf8.count)",
                ]
            )
        }
        let budget = Deadline(receivedAt.addingTimeInterval(configuration.enqueueBudget.seconds))
        let lastMoment = Deadline(
            (invocationDeadline?.date ?? receivedAt.addingTimeInterval(30))
                .addingTimeInterval(-Self.answerMargin.seconds)
        )
        do {
            let messageID = try await enqueue(
                body: message.body,
                attributes: message.attributes,
                retryBudget: budget,
                deadline: lastMoment,
                logger: logger
            )
            logger.info("enqueued a webhook", metadata: ["step": "enqueue", "message_id": "\(messageID)"])
            return .json(200, ["status": "queued", "messageId": messageID])
        } catch {
            logReplay(request, raw: raw, reason: "enqueue failed: \(error)", logger: logger)
            return .json(503, ["error": "queue_unavailable", "message": "the webhook could not be queued"])
        }
    }

    /// Kept free before the invocation's deadline, so that a failed enqueue still answers (503 and the replay
    /// line) instead of being killed by Lambda.
    static let answerMargin = Duration.milliseconds(200)

    /// Message attributes: the alert type (the body's `action`), the resource, Sentry's request id and hook
    /// timestamp. Empty values are left out (SQS rejects them).
    static func attributes(for request: WebhookRequest, body: [UInt8], resource: String) -> [String: String] {
        var attributes: [String: String] = ["resource": resource]
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let action = object["action"] as? String, !action.isEmpty
        {
            attributes["alert_type"] = action
        }
        if let id = request.header(WebhookHeader.requestID), !id.isEmpty { attributes["request_id"] = id }
        if let stamp = request.header(WebhookHeader.timestamp), !stamp.isEmpty { attributes["hook_timestamp"] = stamp }
        return attributes.filter { !$0.value.isEmpty }
    }
}
