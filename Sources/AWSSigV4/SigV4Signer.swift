import Foundation

/// Signs requests with AWS Signature Version 4 (header form, and query-string presigning).
///
/// The signer only adds headers; it never sends anything, so it is tested without a network and the same
/// canonicalisation (`SigV4Canonical`) serves the emulator's verifier.
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    public var service: String
    public var pathEncoding: SigV4Canonical.PathEncoding

    public init(
        credentials: AWSCredentials,
        region: String,
        service: String,
        pathEncoding: SigV4Canonical.PathEncoding = .double
    ) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.pathEncoding = pathEncoding
    }

    /// What a signing produced, for tests and for logs at trace level.
    public struct Signature: Sendable, Equatable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
        public var authorization: String
    }

    /// Signs `request` in place: sets `X-Amz-Date`, `X-Amz-Security-Token` (when the credentials carry a
    /// session token) and `Authorization`. Every header present (but `SigV4Canonical.unsignedHeaders`) is
    /// signed; a `Host` header must already be there.
    @discardableResult
    public func sign(_ request: inout SignableRequest, date: Date) -> Signature {
        let amzDate = AmzDate.format(date)
        request.headers.removeAll { ASCII.equalsIgnoringCase($0.name, "authorization") }
        request.setHeader("X-Amz-Date", amzDate)
        if let token = credentials.sessionToken {
            request.setHeader("X-Amz-Security-Token", token)
        }
        let payloadHash = request.value(of: "x-amz-content-sha256") ?? SigV4Canonical.payloadHash(request.body)
        let signedHeaders = SigV4Canonical.defaultSignedHeaders(of: request)
        let result = signature(
            for: request,
            signedHeaders: signedHeaders,
            payloadHash: payloadHash,
            amzDate: amzDate
        )
        request.headers.append(SignableRequest.Header("Authorization", result.authorization))
        return result
    }

    /// Presigns `request` for `expires` seconds: the signature and its parameters go into the query string
    /// (`X-Amz-Algorithm`, `-Credential`, `-Date`, `-Expires`, `-SignedHeaders`, `-Security-Token`,
    /// `-Signature`). Only `host` (and the headers already present) are signed.
    @discardableResult
    public func presign(_ request: inout SignableRequest, date: Date, expires: Int) -> Signature {
        let amzDate = AmzDate.format(date)
        let scope = SigV4Canonical.credentialScope(date: String(amzDate.prefix(8)), region: region, service: service)
        let signedHeaders = SigV4Canonical.defaultSignedHeaders(of: request)
        let signedList = SigV4Canonical.canonicalHeaders(of: request, signedHeaders: signedHeaders).signedHeaders
        var parameters = [
            ("X-Amz-Algorithm", SigV4Canonical.algorithm),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"),
            ("X-Amz-Date", amzDate),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", signedList),
        ]
        if let token = credentials.sessionToken {
            parameters.append(("X-Amz-Security-Token", token))
        }
        let added = parameters.map { "\($0.0)=\(SigV4Canonical.uriEncode($0.1))" }.joined(separator: "&")
        request.query = request.query.isEmpty ? added : "\(request.query)&\(added)"
        let payloadHash = SigV4Canonical.payloadHash(request.body)
        let result = signature(
            for: request,
            signedHeaders: signedHeaders,
            payloadHash: payloadHash,
            amzDate: amzDate
        )
        request.query += "&X-Amz-Signature=\(result.signature)"
        return result
    }

    /// The signature of `request` over `signedHeaders`, without touching the request.
    public func signature(
        for request: SignableRequest,
        signedHeaders: [String],
        payloadHash: String,
        amzDate: String
    ) -> Signature {
        signature(for: request, signedHeaders: signedHeaders, payloadHash: payloadHash, amzDate: amzDate, keys: nil)
    }

    /// The same, with the signing key taken from `keys` when given (the verifier keeps one a day).
    func signature(
        for request: SignableRequest,
        signedHeaders: [String],
        payloadHash: String,
        amzDate: String,
        keys: SigningKeyCache?
    ) -> Signature {
        let day = String(amzDate.prefix(8))
        let scope = SigV4Canonical.credentialScope(date: day, region: region, service: service)
        let headers = SigV4Canonical.canonicalHeaders(of: request, signedHeaders: signedHeaders)
        let canonical = SigV4Canonical.canonicalRequest(
            request,
            headers: headers,
            payloadHash: payloadHash,
            pathEncoding: pathEncoding
        )
        let toSign = SigV4Canonical.stringToSign(canonicalRequest: canonical, amzDate: amzDate, scope: scope)
        let key =
            keys?.key(secretAccessKey: credentials.secretAccessKey, date: day, region: region, service: service)
            ?? SigV4Canonical.signingKey(
                secretAccessKey: credentials.secretAccessKey,
                date: day,
                region: region,
                service: service
            )
        let signature = SigV4Canonical.signature(stringToSign: toSign, signingKey: key)
        let authorization =
            "\(SigV4Canonical.algorithm) Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(headers.signedHeaders), Signature=\(signature)"
        return Signature(
            canonicalRequest: canonical,
            stringToSign: toSign,
            signature: signature,
            authorization: authorization
        )
    }
}
