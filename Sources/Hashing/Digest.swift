import COpenSSL

/// One-shot message digests and HMAC over the system libcrypto.
///
/// Everything here works on bytes (`some Collection<UInt8>`), never on re-encoded strings: webhook signatures
/// are computed over the raw body exactly as received.
///
/// The algorithms are fetched from libcrypto once (`FetchedDigest`): OpenSSL 3 looks an algorithm up in its
/// provider tables on every call that names it through `EVP_sha256()` or the one-shot `HMAC()`, and for the
/// few hundred bytes of a SigV4 request that lookup cost more than the hashing (Benchmarks/README.md).
public enum Digest {
    /// SHA-256 of `data` (32 bytes).
    public static func sha256(_ data: some Collection<UInt8>) -> [UInt8] {
        withBytes(data) { FetchedDigest.sha256.digest([UnsafeRawBufferPointer($0)]) }
    }

    /// MD5 of `data` (16 bytes). Used only where AWS's wire format demands it (SQS body checksums).
    public static func md5(_ data: some Collection<UInt8>) -> [UInt8] {
        withBytes(data) { FetchedDigest.md5.digest([UnsafeRawBufferPointer($0)]) }
    }

    /// HMAC-SHA256 of `data` under `key` (32 bytes), as RFC 2104 defines it: SHA-256 over the key padded to
    /// the 64-byte block and XORed with 0x36, then the data; then SHA-256 over the key XORed with 0x5c and
    /// that inner hash. A key longer than the block is hashed first.
    public static func hmacSHA256(key: some Collection<UInt8>, data: some Collection<UInt8>) -> [UInt8] {
        let blockSize = 64
        var block = withBytes(key) { key in key.count > blockSize ? sha256(key) : Array(key) }
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        let innerPad = block.map { $0 ^ 0x36 }
        let outerPad = block.map { $0 ^ 0x5c }
        let inner = withBytes(data) { data in
            innerPad.withUnsafeBytes { pad in FetchedDigest.sha256.digest([pad, UnsafeRawBufferPointer(data)]) }
        }
        return outerPad.withUnsafeBytes { pad in
            inner.withUnsafeBytes { inner in FetchedDigest.sha256.digest([pad, inner]) }
        }
    }

    /// Compares two byte strings in time that depends only on their lengths.
    public static func constantTimeEqual(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        let a = Array(lhs)
        let b = Array(rhs)
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { aBuffer in
            b.withUnsafeBytes { bBuffer in
                CRYPTO_memcmp(aBuffer.baseAddress, bBuffer.baseAddress, a.count) == 0
            }
        }
    }

    /// Runs `body` over the bytes of `data`: in place when they are contiguous (arrays, `Data`, buffers), else
    /// over a copy.
    private static func withBytes<Result>(
        _ data: some Collection<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        if let result = data.withContiguousStorageIfAvailable(body) { return result }
        return Array(data).withUnsafeBufferPointer(body)
    }
}

/// A libcrypto digest algorithm fetched once (`EVP_MD_fetch` on OpenSSL 3, the name table on 1.1: see
/// `sentry_asana_fetch_digest` in `COpenSSL/shim.h`) and used for every call after.
///
/// `@unchecked`: a fetched `EVP_MD` is immutable and libcrypto allows it to be used from any number of
/// threads at once; each digest gets its own context.
final class FetchedDigest: @unchecked Sendable {
    static let sha256 = FetchedDigest(name: "SHA256", length: 32)
    static let md5 = FetchedDigest(name: "MD5", length: 16)

    private let algorithm: OpaquePointer
    private let length: Int

    private init(name: String, length: Int) {
        guard let algorithm = sentry_asana_fetch_digest(name) else {
            preconditionFailure("libcrypto has no \(name) digest")
        }
        self.algorithm = algorithm
        self.length = length
    }

    /// The digest of `parts` one after the other.
    func digest(_ parts: [UnsafeRawBufferPointer]) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("libcrypto could not allocate a digest") }
        defer { EVP_MD_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: length)
        var outLength: UInt32 = 0
        var ok = EVP_DigestInit_ex(context, algorithm, nil) == 1
        for part in parts where ok && !part.isEmpty {
            ok = EVP_DigestUpdate(context, part.baseAddress, part.count) == 1
        }
        ok = ok && out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &outLength) } == 1
        precondition(ok && Int(outLength) == length, "libcrypto digest failed")
        return out
    }
}
