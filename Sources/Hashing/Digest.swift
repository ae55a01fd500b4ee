import COpenSSL

/// One-shot message digests and HMAC over the system libcrypto.
///
/// Everything here works on bytes (`some Collection<UInt8>`), never on re-encoded strings: webhook signatures
/// are computed over the raw body exactly as received.
public enum Digest {
    /// SHA-256 of `data` (32 bytes).
    public static func sha256(_ data: some Collection<UInt8>) -> [UInt8] {
        digest(data, EVP_sha256(), length: 32)
    }

    /// MD5 of `data` (16 bytes). Used only where AWS's wire format demands it (SQS body checksums).
    public static func md5(_ data: some Collection<UInt8>) -> [UInt8] {
        digest(data, EVP_md5(), length: 16)
    }

    /// HMAC-SHA256 of `data` under `key` (32 bytes).
    public static func hmacSHA256(key: some Collection<UInt8>, data: some Collection<UInt8>) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var outLength: UInt32 = 0
        withBytes(key) { keyBuffer in
            withBytes(data) { dataBuffer in
                out.withUnsafeMutableBufferPointer { outBuffer in
                    _ = HMAC(
                        EVP_sha256(), keyBuffer.baseAddress, Int32(keyBuffer.count), dataBuffer.baseAddress,
                        dataBuffer.count, outBuffer.baseAddress, &outLength)
                }
            }
        }
        precondition(outLength == 32, "libcrypto HMAC-SHA256 returned \(outLength) bytes")
        return out
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

    private static func digest(_ data: some Collection<UInt8>, _ type: OpaquePointer?, length: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        var outLength: UInt32 = 0
        let ok: Int32 = withBytes(data) { buffer in
            out.withUnsafeMutableBufferPointer { outBuffer in
                EVP_Digest(buffer.baseAddress, buffer.count, outBuffer.baseAddress, &outLength, type, nil)
            }
        }
        precondition(ok == 1 && Int(outLength) == length, "libcrypto EVP_Digest failed")
        return out
    }

    /// Runs `body` over the bytes of `data`: in place when they are contiguous (arrays, `Data`, buffers), else
    /// over a copy.
    private static func withBytes<Result>(
        _ data: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        if let result = data.withContiguousStorageIfAvailable(body) { return result }
        return Array(data).withUnsafeBufferPointer(body)
    }
}
