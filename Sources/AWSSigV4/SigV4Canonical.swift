import Hashing

/// The pieces of AWS Signature Version 4, each exposed on its own so that the signer (client side) and the
/// verifier (the emulator) build exactly the same strings.
///
/// Written from AWS's "Create a canonical request for Signature Version 4" and "Create a string to sign"
/// documentation and checked against the published `aws-sig-v4-test-suite` vectors and botocore.
public enum SigV4Canonical {
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The hash of an empty payload, used for bodiless requests.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// How path segments are encoded in the canonical URI.
    public enum PathEncoding: Sendable {
        /// Every service but S3: the wire path (already percent-encoded) is encoded once more, and dot
        /// segments and empty segments are removed. This is what the AWS SDKs and botocore do.
        case double
        /// S3, and the convention of the published test suite: each segment is decoded and encoded once.
        case single
    }

    /// Headers the SDKs never sign (botocore's `SIGNED_HEADERS_BLACKLIST`, plus `authorization` itself).
    public static let unsignedHeaders: Set<String> = [
        "authorization", "expect", "transfer-encoding", "user-agent", "x-amzn-trace-id",
    ]

    // MARK: Encoding

    /// AWS URI encoding: every byte but the unreserved characters `A-Z a-z 0-9 - _ . ~` becomes `%XY`
    /// (upper-case hex); `/` is kept only when `keepSlash` is set.
    public static func uriEncode(_ text: some StringProtocol, keepSlash: Bool = false) -> String {
        uriEncode(bytes: Array(text.utf8), keepSlash: keepSlash)
    }

    static func uriEncode(bytes: [UInt8], keepSlash: Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: "/") where keepSlash:
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-decoding. A `%` not followed by two hex digits is kept as it is; `+` stays `+` (SigV4 does not
    /// treat it as a space).
    public static func percentDecode(_ text: some StringProtocol) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let decoded = Hex.decode(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self))
            {
                out.append(decoded[0])
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    // MARK: Canonical request parts

    /// The canonical URI of a wire path: empty and `.` segments dropped, `..` resolved, each segment encoded
    /// as `encoding` says, and a trailing slash kept.
    public static func canonicalURI(_ path: String, encoding: PathEncoding = .double) -> String {
        var kept: [String] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            let decoded = percentDecode(segment)
            if decoded == [UInt8(ascii: ".")] { continue }
            if decoded == [UInt8(ascii: "."), UInt8(ascii: ".")] {
                _ = kept.popLast()
                continue
            }
            switch encoding {
            case .double: kept.append(uriEncode(segment))
            case .single: kept.append(uriEncode(bytes: decoded, keepSlash: false))
            }
        }
        var result = "/" + kept.joined(separator: "/")
        if path.hasSuffix("/") && !kept.isEmpty { result += "/" }
        return result
    }

    /// The canonical query string of a raw query string: every `name=value` pair decoded, encoded with
    /// `uriEncode`, and sorted by name, then by value. A name without `=` gets an empty value.
    public static func canonicalQuery(_ rawQuery: String) -> String {
        guard !rawQuery.isEmpty else { return "" }
        var pairs: [(String, String)] = []
        for item in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let equals = item.firstIndex(of: "=") {
                name = item[..<equals]
                value = item[item.index(after: equals)...]
            } else {
                name = item
                value = ""
            }
            pairs.append(
                (
                    uriEncode(bytes: percentDecode(name), keepSlash: false),
                    uriEncode(bytes: percentDecode(value), keepSlash: false)
                )
            )
        }
        pairs.sort { lhs, rhs in lhs.0 == rhs.0 ? ASCII.precedes(lhs.1, rhs.1) : ASCII.precedes(lhs.0, rhs.0) }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// A header value as it is signed: leading and trailing white space removed and every run of spaces inside
    /// folded into one.
    public static func canonicalHeaderValue(_ value: String) -> String {
        let space = UInt8(ascii: " ")
        let trimmed = ASCII.trimmed(Substring(value))
        var out: [UInt8] = []
        out.reserveCapacity(trimmed.utf8.count)
        var lastWasSpace = false
        for byte in trimmed.utf8 {
            if byte == space || byte == UInt8(ascii: "\t") {
                if !lastWasSpace { out.append(space) }
                lastWasSpace = true
            } else {
                out.append(byte)
                lastWasSpace = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The canonical headers block (each line `name:value\n`) and the signed-headers list for the headers of
    /// `request` named in `signedHeaders` (lower-case). Repeated headers are joined with `,` in their order.
    public static func canonicalHeaders(
        of request: SignableRequest,
        signedHeaders: [String]
    ) -> (block: String, signedHeaders: String) {
        let wanted = Set(signedHeaders.map { ASCII.lowercased($0) })
        // One pass over the request's headers, each name lower-cased once.
        var values: [String: [String]] = [:]
        for header in request.headers {
            let name = ASCII.lowercased(header.name)
            if wanted.contains(name) { values[name, default: []].append(canonicalHeaderValue(header.value)) }
        }
        let names = wanted.sorted(by: ASCII.precedes)
        var block = ""
        for name in names {
            block += name
            block += ":"
            block += (values[name] ?? []).joined(separator: ",")
            block += "\n"
        }
        return (block, names.joined(separator: ";"))
    }

    /// The names of the headers a signer signs by default: all of the request's headers but `unsignedHeaders`.
    public static func defaultSignedHeaders(of request: SignableRequest) -> [String] {
        Array(Set(request.headers.map { $0.name.lowercased() }).subtracting(unsignedHeaders))
    }

    /// The canonical request: method, canonical URI, canonical query, canonical headers, signed headers and
    /// payload hash, one per line.
    public static func canonicalRequest(
        _ request: SignableRequest,
        signedHeaders: [String],
        payloadHash: String,
        pathEncoding: PathEncoding = .double
    ) -> String {
        canonicalRequest(
            request,
            headers: canonicalHeaders(of: request, signedHeaders: signedHeaders),
            payloadHash: payloadHash,
            pathEncoding: pathEncoding
        )
    }

    /// The canonical request with its headers block already made (the signer needs the block twice).
    static func canonicalRequest(
        _ request: SignableRequest,
        headers: (block: String, signedHeaders: String),
        payloadHash: String,
        pathEncoding: PathEncoding
    ) -> String {
        [
            request.method.uppercased(),
            canonicalURI(request.path, encoding: pathEncoding),
            canonicalQuery(request.query),
            headers.block,
            headers.signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
    }

    /// `DATE/REGION/SERVICE/aws4_request`.
    public static func credentialScope(date: String, region: String, service: String) -> String {
        "\(date)/\(region)/\(service)/aws4_request"
    }

    /// The string to sign for a canonical request.
    public static func stringToSign(canonicalRequest: String, amzDate: String, scope: String) -> String {
        [algorithm, amzDate, scope, Hex.encode(Digest.sha256(Array(canonicalRequest.utf8)))]
            .joined(separator: "\n")
    }

    /// The signing key: `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
    public static func signingKey(secretAccessKey: String, date: String, region: String, service: String) -> [UInt8] {
        let kDate = Digest.hmacSHA256(key: Array("AWS4\(secretAccessKey)".utf8), data: Array(date.utf8))
        let kRegion = Digest.hmacSHA256(key: kDate, data: Array(region.utf8))
        let kService = Digest.hmacSHA256(key: kRegion, data: Array(service.utf8))
        return Digest.hmacSHA256(key: kService, data: Array("aws4_request".utf8))
    }

    /// The hex signature of a string to sign.
    public static func signature(stringToSign: String, signingKey: [UInt8]) -> String {
        Hex.encode(Digest.hmacSHA256(key: signingKey, data: Array(stringToSign.utf8)))
    }

    /// The hex SHA-256 of a payload.
    public static func payloadHash(_ body: some Collection<UInt8>) -> String {
        body.isEmpty ? emptyPayloadHash : Hex.encode(Digest.sha256(body))
    }
}
