import Foundation
import Hashing

/// The MD5 digests SQS returns for a message (`MD5OfMessageBody`, `MD5OfMessageAttributes`,
/// `MD5OfMessageSystemAttributes`), computed as AWS documents them. The SDKs check them on every send and
/// receive; the client here checks them too, and the emulator computes them with this same code.
public enum SQSChecksum {
    /// Lower-case hex MD5 of the body's UTF-8 bytes.
    public static func body(_ body: String) -> String {
        Hex.encode(Digest.md5(Array(body.utf8)))
    }

    /// Lower-case hex MD5 over the attributes sorted by name, each encoded as: name (4-byte big-endian length +
    /// UTF-8), data type (the same), one transport byte (1 for String and Number, 2 for Binary), and the value
    /// (length-prefixed UTF-8 or bytes). `nil` when there are no attributes (AWS omits the field then).
    public static func attributes(_ attributes: [String: SQSMessageAttributeValue]) -> String? {
        guard !attributes.isEmpty else { return nil }
        var buffer: [UInt8] = []
        for name in attributes.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let value = attributes[name]!
            appendLengthPrefixed(Array(name.utf8), to: &buffer)
            appendLengthPrefixed(Array(value.dataType.utf8), to: &buffer)
            if value.dataType.hasPrefix("Binary") {
                buffer.append(2)
                appendLengthPrefixed(Array(value.binaryValue ?? Data()), to: &buffer)
            } else {
                buffer.append(1)
                appendLengthPrefixed(Array((value.stringValue ?? "").utf8), to: &buffer)
            }
        }
        return Hex.encode(Digest.md5(buffer))
    }

    private static func appendLengthPrefixed(_ bytes: [UInt8], to buffer: inout [UInt8]) {
        let length = UInt32(bytes.count)
        buffer.append(contentsOf: [
            UInt8(length >> 24), UInt8((length >> 16) & 0xff), UInt8((length >> 8) & 0xff), UInt8(length & 0xff),
        ])
        buffer.append(contentsOf: bytes)
    }
}
