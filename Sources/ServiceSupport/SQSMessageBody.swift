import Foundation

/// How a webhook body travels through SQS without loss, and how the consumer gets the producer's bytes back.
///
/// SQS accepts only `#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF` in a body and at
/// most 1 MiB counted with the message attributes. A body that is valid UTF-8 of allowed characters goes as is
/// (the original's behaviour); any other body (U+FFFE, U+FFFF, control characters, bytes that are not UTF-8) goes
/// base64-encoded with the attribute `body_encoding=base64`; a body that does not fit either way goes gzipped then
/// base64-encoded (`body_encoding=gzip+base64`; base64 grows by 4/3, JSON shrinks several times under gzip). The
/// signature was verified on the raw bytes, so the consumer must see exactly those bytes: `decode` gives them back.
public enum SQSMessageBody {
    /// SQS's limit since 2025: body plus every attribute's name, type (`String`) and value.
    public static let maximumMessageBytes = 1_048_576
    /// The message attribute naming the encoding; absent for a plain body.
    public static let encodingAttribute = "body_encoding"

    public enum Encoding: String, Sendable, Equatable {
        case base64
        case gzipBase64 = "gzip+base64"
    }

    /// The most a `gzip+base64` body may inflate to: more than Lambda's 6 MB request payload, which bounds what
    /// the producer can receive, so anything larger is not a webhook but a bomb.
    public static let maximumDecodedBytes = 8 * 1_048_576

    /// A body ready for `SendMessage`.
    public struct Encoded: Sendable, Equatable {
        public var body: String
        public var attributes: [String: String]
        public var encoding: Encoding?
    }

    public enum DecodingError: Error, Equatable, CustomStringConvertible {
        case unknownEncoding(String)
        case invalidBase64
        case invalidGzip

        public var description: String {
            switch self {
            case .unknownEncoding(let name): "unknown \(encodingAttribute) '\(name)'"
            case .invalidBase64: "the body is flagged base64 in \(encodingAttribute) but is not base64"
            case .invalidGzip:
                "the body is flagged gzip in \(encodingAttribute) but is not a whole gzip stream within "
                    + "\(maximumDecodedBytes) bytes"
            }
        }
    }

    /// Whether SQS accepts this character in a message body.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    /// The raw bytes as a string SQS carries unchanged, or nil when they are not UTF-8 or hold a character SQS
    /// refuses.
    public static func plainText(_ raw: [UInt8]) -> String? {
        guard let text = String(validating: raw, as: UTF8.self) else { return nil }
        return text.unicodeScalars.allSatisfy(isAllowed) ? text : nil
    }

    /// The size SQS counts against its limit.
    public static func size(body: String, attributes: [String: String]) -> Int {
        attributes.reduce(body.utf8.count) { $0 + $1.key.utf8.count + "String".utf8.count + $1.value.utf8.count }
    }

    /// The message for `raw` with `attributes`: plain when SQS can carry it, else base64 with `body_encoding`, else
    /// gzip then base64. Nil when even that does not fit in `limit` bytes (the alert is genuinely too large).
    public static func encode(
        _ raw: [UInt8],
        attributes: [String: String],
        limit: Int = maximumMessageBytes
    ) -> Encoded? {
        var attributes = attributes
        attributes.removeValue(forKey: encodingAttribute)
        func fits(_ encoded: Encoded) -> Bool { size(body: encoded.body, attributes: encoded.attributes) <= limit }
        if let text = plainText(raw) {
            let plain = Encoded(body: text, attributes: attributes, encoding: nil)
            if fits(plain) { return plain }
        }
        var flagged = attributes
        flagged[encodingAttribute] = Encoding.base64.rawValue
        // Base64 of n bytes is exactly 4 × ⌈n / 3⌉ characters: known before building it.
        if size(body: "", attributes: flagged) + (raw.count + 2) / 3 * 4 <= limit {
            return Encoded(body: Data(raw).base64EncodedString(), attributes: flagged, encoding: .base64)
        }
        flagged[encodingAttribute] = Encoding.gzipBase64.rawValue
        guard let compressed = Gzip.compress(raw) else { return nil }
        let gzipped = Encoded(
            body: Data(compressed).base64EncodedString(),
            attributes: flagged,
            encoding: .gzipBase64
        )
        return fits(gzipped) ? gzipped : nil
    }

    /// The producer's bytes back from a received message.
    public static func decode(body: String, attributes: [String: String]) throws(DecodingError) -> [UInt8] {
        guard let name = attributes[encodingAttribute] else { return Array(body.utf8) }
        guard let encoding = Encoding(rawValue: name) else { throw .unknownEncoding(name) }
        switch encoding {
        case .base64:
            guard let data = Data(base64Encoded: body) else { throw .invalidBase64 }
            return Array(data)
        case .gzipBase64:
            guard let data = Data(base64Encoded: body) else { throw .invalidBase64 }
            guard let raw = Gzip.decompress(Array(data), limit: maximumDecodedBytes) else { throw .invalidGzip }
            return raw
        }
    }
}
