import Logging
import SentryAPI
import ServiceSupport

extension WebhookHandler {
    enum Verification: Equatable {
        case verified
        case rejected(String)
        case secretsUnavailable(String)
    }

    /// Checks the signature against the cached secret, and once more against a freshly fetched one when it
    /// fails (the secret may have been rotated since this process started).
    func verify(_ request: WebhookRequest, raw: [UInt8], logger: Logger) async -> Verification {
        if configuration.development {
            logger.warning(
                "DEVELOPMENT=true: webhook signature NOT verified; never run production like this",
                metadata: ["step": "verify"]
            )
            return .verified
        }
        guard let signature = request.header(WebhookHeader.signature) ?? request.header(WebhookHeader.appSignature),
            !signature.isEmpty
        else {
            return .rejected("missing \(WebhookHeader.signature) header")
        }
        for forceRefresh in [false, true] {
            let secret: String
            do {
                guard let value = try await secrets.secrets(forceRefresh: forceRefresh).sentryClientSecret else {
                    return .secretsUnavailable("the secret has no SENTRY_CLIENT_SECRET")
                }
                secret = value
            } catch {
                return .secretsUnavailable(String(describing: error))
            }
            if WebhookSignature.isValid(signature: signature, body: raw, secret: secret) { return .verified }
            if !forceRefresh {
                logger.info("signature mismatch; re-fetching the secret once", metadata: ["step": "verify"])
            }
        }
        return .rejected("the signature does not match the body")
    }
}
