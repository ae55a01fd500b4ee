/// The parsed `Authorization` header (or presigned query parameters) of a SigV4 request.
public struct SigV4Authorization: Sendable, Equatable {
    public var accessKeyID: String
    /// `yyyyMMdd` of the credential scope.
    public var date: String
    public var region: String
    public var service: String
    /// Lower-case header names, in the order given.
    public var signedHeaders: [String]
    public var signature: String

    public init(
        accessKeyID: String,
        date: String,
        region: String,
        service: String,
        signedHeaders: [String],
        signature: String
    ) {
        self.accessKeyID = accessKeyID
        self.date = date
        self.region = region
        self.service = service
        self.signedHeaders = signedHeaders
        self.signature = signature
    }

    /// Parses `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request,
    /// SignedHeaders=host;x-amz-date, Signature=…`.
    public init(header: String) throws(SigV4VerificationError) {
        let prefix = SigV4Canonical.algorithm + " "
        guard header.hasPrefix(prefix) else {
            throw SigV4VerificationError(
                .incompleteSignature,
                "Authorization header requires the \(SigV4Canonical.algorithm) algorithm"
            )
        }
        var fields: [String: String] = [:]
        for part in ASCII.split(Substring(header.utf8.dropFirst(prefix.utf8.count)), at: UInt8(ascii: ",")) {
            let trimmed = ASCII.trimmed(part)
            guard let equals = trimmed.utf8.firstIndex(of: UInt8(ascii: "=")) else { continue }
            fields[String(Substring(trimmed.utf8[..<equals]))] =
                String(Substring(trimmed.utf8[trimmed.utf8.index(after: equals)...]))
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"],
            let signature = fields["Signature"]
        else {
            let missing = ["Credential", "SignedHeaders", "Signature"].filter { fields[$0] == nil }
            throw SigV4VerificationError(
                .incompleteSignature,
                "Authorization header requires \(missing.map { "'\($0)'" }.joined(separator: ", ")) parameter(s)"
            )
        }
        try self.init(credential: credential, signedHeaders: signed, signature: signature)
    }

    /// Builds the authorization from its three parts, as found in a header or in presigned query parameters.
    public init(credential: String, signedHeaders: String, signature: String) throws(SigV4VerificationError) {
        let scope = ASCII.split(Substring(credential), at: UInt8(ascii: "/")).map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request", scope[1].utf8.count == 8, !scope[0].isEmpty else {
            throw SigV4VerificationError(
                .incompleteSignature,
                "Credential should be scoped to a valid region, e.g. AKID/20150830/us-east-1/sqs/aws4_request; got '\(credential)'"
            )
        }
        self.init(
            accessKeyID: scope[0],
            date: scope[1],
            region: scope[2],
            service: scope[3],
            signedHeaders: ASCII.split(Substring(signedHeaders), at: UInt8(ascii: ";")).filter { !$0.isEmpty }
                .map { ASCII.lowercased($0) },
            signature: signature
        )
    }
}
