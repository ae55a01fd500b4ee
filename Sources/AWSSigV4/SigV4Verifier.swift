import Foundation

/// Checks the SigV4 signature of a received request, the way AWS does, with the signer's own
/// canonicalisation. Used by the emulator; lives here so both sides can never drift apart.
public struct SigV4Verifier: Sendable {
    /// The secret for an access key id, or `nil` when the key is unknown.
    public var secretForAccessKey: @Sendable (String) -> String?
    /// How far `X-Amz-Date` may be from now (AWS allows 15 minutes).
    public var allowedSkew: TimeInterval
    public var pathEncoding: SigV4Canonical.PathEncoding
    private let signingKeys = SigningKeyCache()

    public init(
        allowedSkew: TimeInterval = 15 * 60,
        pathEncoding: SigV4Canonical.PathEncoding = .double,
        secretForAccessKey: @escaping @Sendable (String) -> String?
    ) {
        self.secretForAccessKey = secretForAccessKey
        self.allowedSkew = allowedSkew
        self.pathEncoding = pathEncoding
    }

    /// What the endpoint that received a request serves: the signing name of its service and the regions it
    /// answers for. A credential scope naming anything else is refused, as AWS refuses it.
    public struct Endpoint: Sendable, Equatable {
        public var service: String
        public var regions: Set<String>

        public init(service: String, regions: Set<String>) {
            self.service = service
            self.regions = regions
        }
    }

    /// Verifies `request` (as received: wire path, raw query, every header, the body) at time `now`, and
    /// returns the parsed authorization (access key, region, service) when the signature is right.
    ///
    /// The payload hash is always the SHA-256 of the body received: a declared `X-Amz-Content-Sha256` that
    /// differs (`UNSIGNED-PAYLOAD` included, which only S3 accepts) is refused, so a captured request cannot be
    /// replayed with another body. With `endpoint`, the credential scope must name its service and a region of it.
    public func verify(
        _ request: SignableRequest,
        now: Date,
        endpoint: Endpoint? = nil
    ) throws(SigV4VerificationError) -> SigV4Authorization {
        let query = Self.queryParameters(request.query)
        let bodyHash = SigV4Canonical.payloadHash(request.body)
        if let declared = request.value(of: "x-amz-content-sha256"), declared != bodyHash {
            throw SigV4VerificationError(
                .signatureMismatch,
                declared == "UNSIGNED-PAYLOAD"
                    ? "UNSIGNED-PAYLOAD is accepted by S3 only; this service signs the SHA-256 of the body."
                    : "The provided 'x-amz-content-sha256' header does not match what was computed."
            )
        }
        if let header = request.value(of: "authorization") {
            let authorization = try SigV4Authorization(header: header)
            try checkScope(authorization, endpoint: endpoint)
            guard let amzDate = request.value(of: "x-amz-date") ?? request.value(of: "date").flatMap(Self.httpDate)
            else {
                throw SigV4VerificationError(
                    .incompleteSignature,
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header"
                )
            }
            try checkSkew(amzDate, now: now)
            try check(request, authorization, amzDate: amzDate, payloadHash: bodyHash)
            return authorization
        }
        if let credential = query["X-Amz-Credential"] {
            guard query["X-Amz-Algorithm"] == SigV4Canonical.algorithm, let signed = query["X-Amz-SignedHeaders"],
                let signature = query["X-Amz-Signature"], let amzDate = query["X-Amz-Date"],
                let start = AmzDate.parse(amzDate)
            else {
                throw SigV4VerificationError(
                    .incompleteSignature,
                    "presigned request lacks a required X-Amz-* parameter"
                )
            }
            let authorization = try SigV4Authorization(
                credential: credential,
                signedHeaders: signed,
                signature: signature
            )
            try checkScope(authorization, endpoint: endpoint)
            // A whole number of seconds, at most a week: "nan", "inf" or "1e9" are not (Double would take them).
            let expiresText = query["X-Amz-Expires"] ?? "900"
            guard expiresText.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let expires = Int(expiresText), (1...604_800).contains(expires)
            else {
                throw SigV4VerificationError(
                    .incompleteSignature,
                    "X-Amz-Expires must be a whole number of seconds from 1 to 604800 (a week), not '\(expiresText)'"
                )
            }
            if now.timeIntervalSince(start) > Double(expires) {
                throw SigV4VerificationError(.expired, "Request has expired")
            }
            if start.timeIntervalSince(now) > allowedSkew {
                throw SigV4VerificationError(.requestTimeTooSkewed, "Signature not yet current: \(amzDate)")
            }
            var unsigned = request
            unsigned.query = request.query.split(separator: "&")
                .filter { !$0.hasPrefix("X-Amz-Signature=") }.joined(separator: "&")
            try check(unsigned, authorization, amzDate: amzDate, payloadHash: bodyHash)
            return authorization
        }
        throw SigV4VerificationError(
            .missingAuthentication,
            "Request is missing Authentication Token"
        )
    }

    private func check(
        _ request: SignableRequest,
        _ authorization: SigV4Authorization,
        amzDate: String,
        payloadHash: String
    ) throws(SigV4VerificationError) {
        guard let secret = secretForAccessKey(authorization.accessKeyID) else {
            throw SigV4VerificationError(
                .unknownAccessKey,
                "The security token included in the request is invalid."
            )
        }
        guard authorization.signedHeaders.contains("host") else {
            throw SigV4VerificationError(.signatureMismatch, "'Host' must be a signed header")
        }
        guard amzDate.hasPrefix(authorization.date) else {
            throw SigV4VerificationError(
                .signatureMismatch,
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(authorization.date)' != '\(amzDate.prefix(8))'"
            )
        }
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: authorization.accessKeyID, secretAccessKey: secret),
            region: authorization.region,
            service: authorization.service,
            pathEncoding: pathEncoding
        )
        let expected = signer.signature(
            for: request,
            signedHeaders: authorization.signedHeaders,
            payloadHash: payloadHash,
            amzDate: amzDate,
            keys: signingKeys
        )
        guard expected.signature == authorization.signature else {
            throw SigV4VerificationError(
                .signatureMismatch,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'\(expected.canonicalRequest)'\n\nThe String-to-Sign should have been\n'\(expected.stringToSign)'"
            )
        }
    }

    /// The credential scope names the endpoint's service and one of its regions, in AWS's words.
    private func checkScope(_ authorization: SigV4Authorization, endpoint: Endpoint?) throws(SigV4VerificationError) {
        guard let endpoint else { return }
        guard authorization.service == endpoint.service else {
            throw SigV4VerificationError(
                .signatureMismatch,
                "Credential should be scoped to correct service: '\(endpoint.service)'. "
            )
        }
        guard endpoint.regions.contains(authorization.region) else {
            throw SigV4VerificationError(
                .signatureMismatch,
                "Credential should be scoped to a valid region, not '\(authorization.region)'. "
            )
        }
    }

    private func checkSkew(_ amzDate: String, now: Date) throws(SigV4VerificationError) {
        guard let date = AmzDate.parse(amzDate) else {
            throw SigV4VerificationError(.incompleteSignature, "X-Amz-Date '\(amzDate)' is not an ISO-8601 basic date")
        }
        if abs(date.timeIntervalSince(now)) > allowedSkew {
            throw SigV4VerificationError(
                .requestTimeTooSkewed,
                "Signature expired: \(amzDate) is now earlier than \(AmzDate.format(now.addingTimeInterval(-allowedSkew))) (\(AmzDate.format(now)) - 15 min.)"
            )
        }
    }

    static func queryParameters(_ raw: String) -> [String: String] {
        var result: [String: String] = [:]
        for item in raw.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(decoding: SigV4Canonical.percentDecode(parts[0]), as: UTF8.self)
            let value = parts.count > 1 ? String(decoding: SigV4Canonical.percentDecode(parts[1]), as: UTF8.self) : ""
            result[name] = value
        }
        return result
    }

    /// Old clients sign with an RFC 1123 `Date` header instead of `X-Amz-Date`.
    static func httpDate(_ text: String) -> String? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text).map(AmzDate.format)
    }
}
