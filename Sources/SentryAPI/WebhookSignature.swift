import Foundation
import Hashing

/// Sentry's webhook signature: HMAC-SHA256 of the raw body bytes under the integration's client secret,
/// lower-case hex, sent in `sentry-hook-signature` (and `sentry-app-signature` by older senders).
public enum WebhookSignature {
    public static func compute(body: some Collection<UInt8>, secret: String) -> String {
        Hex.encode(Digest.hmacSHA256(key: Array(secret.utf8), data: body))
    }

    /// Constant-time check of `signature` (hex of either case, surrounding blanks ignored).
    public static func isValid(signature: String, body: some Collection<UInt8>, secret: String) -> Bool {
        let expected = Digest.hmacSHA256(key: Array(secret.utf8), data: body)
        guard let given = Hex.decode(signature.trimmingCharacters(in: .whitespaces)) else { return false }
        return Digest.constantTimeEqual(expected, given)
    }
}

extension WebhookSignature {
    /// SHA-256 of a body in hex, to identify a delivery in logs without its content.
    public static func sha256Hex(_ body: some Collection<UInt8>) -> String { Hex.encode(Digest.sha256(body)) }
}
