import Synchronization

/// Signing keys already derived, by secret, day, region and service. A key serves every request of its day, and
/// deriving one costs four HMACs: the verifier keeps them instead of deriving one per request.
final class SigningKeyCache: Sendable {
    private struct Scope: Hashable {
        var secretAccessKey: String
        var date: String
        var region: String
        var service: String
    }

    /// More keys than any local set-up uses (keys × days × regions × services); past it the cache starts over.
    private static let limit = 256
    private let keys = Mutex<[Scope: [UInt8]]>([:])

    init() {}

    func key(secretAccessKey: String, date: String, region: String, service: String) -> [UInt8] {
        let scope = Scope(secretAccessKey: secretAccessKey, date: date, region: region, service: service)
        if let key = keys.withLock({ $0[scope] }) { return key }
        let key = SigV4Canonical.signingKey(
            secretAccessKey: secretAccessKey,
            date: date,
            region: region,
            service: service
        )
        keys.withLock { keys in
            if keys.count >= Self.limit { keys.removeAll() }
            keys[scope] = key
        }
        return key
    }
}
