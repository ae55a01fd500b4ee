import AWSSigV4
import Foundation
import Synchronization
import Testing

/// The verifier the emulator uses: it must accept exactly what the signer produces and name what is wrong
/// with everything else.
@Suite struct VerifierTests {
    let credentials = AWSCredentials(accessKeyID: "test", secretAccessKey: "test-secret")
    let now = AmzDate.parse("20261129T120000Z")!

    var verifier: SigV4Verifier {
        SigV4Verifier { key in key == "test" ? "test-secret" : nil }
    }

    func signedRequest(at date: Date? = nil, credentials: AWSCredentials? = nil) -> SignableRequest {
        var request = SignableRequest(
            method: "POST",
            path: "/",
            query: "",
            headers: [
                .init("Host", "127.0.0.1:4566"), .init("Content-Type", "application/x-amz-json-1.0"),
                .init("X-Amz-Target", "AmazonSQS.SendMessage"), .init("User-Agent", "test/1.0"),
            ],
            body: Array(#"{"QueueUrl":"http://127.0.0.1:4566/000000000000/q","MessageBody":"hi"}"#.utf8)
        )
        SigV4Signer(credentials: credentials ?? self.credentials, region: "us-east-1", service: "sqs")
            .sign(&request, date: date ?? now)
        return request
    }

    @Test func acceptsWhatTheSignerSigned() throws {
        let authorization = try verifier.verify(signedRequest(), now: now)
        #expect(authorization.accessKeyID == "test")
        #expect(authorization.region == "us-east-1")
        #expect(authorization.service == "sqs")
        #expect(authorization.signedHeaders == ["content-type", "host", "x-amz-date", "x-amz-target"])
    }

    @Test func rejectsATamperedBodyAsSignatureMismatch() {
        var request = signedRequest()
        request.body = Array(#"{"QueueUrl":"http://127.0.0.1:4566/000000000000/q","MessageBody":"HI"}"#.utf8)
        #expect(throws: SigV4VerificationError.self) { try verifier.verify(request, now: now) }
        do {
            _ = try verifier.verify(request, now: now)
        } catch {
            #expect(error.code == .signatureMismatch)
            #expect(error.message.contains("The Canonical String for this request should have been"))
        }
    }

    @Test func rejectsATamperedSignedHeaderButNotAnUnsignedOne() throws {
        var unsignedChange = signedRequest()
        unsignedChange.setHeader("User-Agent", "other/2.0")
        _ = try verifier.verify(unsignedChange, now: now)

        var signedChange = signedRequest()
        signedChange.setHeader("X-Amz-Target", "AmazonSQS.DeleteQueue")
        #expect(code(signedChange) == .signatureMismatch)
    }

    @Test func rejectsAWrongSecretAndAnUnknownKey() {
        let wrongSecret = signedRequest(credentials: AWSCredentials(accessKeyID: "test", secretAccessKey: "nope"))
        #expect(code(wrongSecret) == .signatureMismatch)
        let unknownKey = signedRequest(credentials: AWSCredentials(accessKeyID: "AKIAOTHER", secretAccessKey: "x"))
        #expect(code(unknownKey) == .unknownAccessKey)
    }

    @Test func rejectsClockSkewBeyondFifteenMinutesEitherWay() throws {
        _ = try verifier.verify(signedRequest(at: now.addingTimeInterval(-14 * 60)), now: now)
        #expect(code(signedRequest(at: now.addingTimeInterval(-16 * 60))) == .requestTimeTooSkewed)
        #expect(code(signedRequest(at: now.addingTimeInterval(16 * 60))) == .requestTimeTooSkewed)
    }

    @Test func namesMissingAndMalformedAuthentication() {
        var unsigned = signedRequest()
        unsigned.headers.removeAll { $0.name == "Authorization" }
        #expect(code(unsigned) == .missingAuthentication)

        var malformed = signedRequest()
        malformed.setHeader("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261129/us-east-1/sqs/aws4_request")
        #expect(code(malformed) == .incompleteSignature)

        var badScope = signedRequest()
        badScope.setHeader(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=test/2026/us-east-1, SignedHeaders=host, Signature=00"
        )
        #expect(code(badScope) == .incompleteSignature)

        var otherAlgorithm = signedRequest()
        otherAlgorithm.setHeader("Authorization", "AWS AKID:signature")
        #expect(code(otherAlgorithm) == .incompleteSignature)
    }

    @Test func acceptsAPresignedRequestUntilItExpires() throws {
        var request = SignableRequest(
            method: "GET",
            path: "/",
            query: "Action=GetCallerIdentity&Version=2011-06-15",
            headers: [.init("Host", "127.0.0.1:4566")]
        )
        SigV4Signer(credentials: credentials, region: "us-east-1", service: "sts")
            .presign(&request, date: now, expires: 60)
        _ = try verifier.verify(request, now: now.addingTimeInterval(59))
        #expect(code(request, at: now.addingTimeInterval(61)) == .expired)

        var tampered = request
        tampered.query = tampered.query.replacingOccurrences(of: "GetCallerIdentity", with: "AssumeRole")
        #expect(code(tampered) == .signatureMismatch)
    }

    @Test func acceptsASessionToken() throws {
        let request = signedRequest(
            credentials: AWSCredentials(accessKeyID: "test", secretAccessKey: "test-secret", sessionToken: "tok")
        )
        let authorization = try verifier.verify(request, now: now)
        #expect(authorization.signedHeaders.contains("x-amz-security-token"))
    }

    @Test func aCachedSigningKeyNeverServesAnotherSecretOrDay() throws {
        // The verifier keeps each day's signing key; a rotated secret or a new day must not reuse it.
        let secret = Mutex("test-secret")
        let verifier = SigV4Verifier { key in key == "test" ? secret.withLock { $0 } : nil }
        _ = try verifier.verify(signedRequest(), now: now)
        _ = try verifier.verify(signedRequest(), now: now)
        secret.withLock { $0 = "rotated" }
        #expect(throws: SigV4VerificationError.self) { try verifier.verify(signedRequest(), now: now) }
        let rotated = AWSCredentials(accessKeyID: "test", secretAccessKey: "rotated")
        _ = try verifier.verify(signedRequest(credentials: rotated), now: now)
        let tomorrow = now.addingTimeInterval(24 * 3600)
        _ = try verifier.verify(signedRequest(at: tomorrow, credentials: rotated), now: tomorrow)
        var otherRegion = SignableRequest(method: "GET", path: "/", headers: [.init("Host", "h")])
        SigV4Signer(credentials: rotated, region: "eu-west-1", service: "sqs").sign(&otherRegion, date: now)
        #expect(try verifier.verify(otherRegion, now: now).region == "eu-west-1")
    }

    // MARK: What an attacker with a captured request tries (issue 15)

    /// A request signed with `X-Amz-Content-Sha256: declared` (the signer takes the header as the payload hash).
    func signedDeclaring(_ declared: String) -> SignableRequest {
        var request = SignableRequest(
            method: "POST",
            path: "/",
            headers: [
                .init("Host", "127.0.0.1:4566"), .init("Content-Type", "application/x-amz-json-1.1"),
                .init("X-Amz-Target", "secretsmanager.GetSecretValue"), .init("X-Amz-Content-Sha256", declared),
            ],
            body: Array(#"{"SecretId":"mine"}"#.utf8)
        )
        SigV4Signer(credentials: credentials, region: "us-east-1", service: "secretsmanager").sign(&request, date: now)
        return request
    }

    @Test func aSignedRequestsBodyCannotBeSwappedUnderItsDeclaredHash() throws {
        let original = signedDeclaring(SigV4Canonical.payloadHash(Array(#"{"SecretId":"mine"}"#.utf8)))
        _ = try verifier.verify(original, now: now)
        // Before the fix the verifier trusted the declared hash, so any body passed under the captured signature.
        var swapped = original
        swapped.body = Array(#"{"SecretId":"someone-elses"}"#.utf8)
        #expect(
            throws: SigV4VerificationError(
                .signatureMismatch,
                "The provided 'x-amz-content-sha256' header does not match what was computed."
            )
        ) {
            try verifier.verify(swapped, now: now)
        }
    }

    @Test func unsignedPayloadIsRefusedOutsideS3() {
        let request = signedDeclaring("UNSIGNED-PAYLOAD")
        #expect(code(request) == .signatureMismatch)
        var swapped = request
        swapped.body = Array(#"{"SecretId":"someone-elses"}"#.utf8)
        #expect(code(swapped) == .signatureMismatch)
    }

    @Test func theCredentialScopeMustNameTheEndpointsServiceAndRegion() throws {
        let sqs = SigV4Verifier.Endpoint(service: "sqs", regions: ["us-east-1"])
        _ = try verifier.verify(signedRequest(), now: now, endpoint: sqs)
        func refusal(service: String, region: String) -> String? {
            var request = signedRequest()
            SigV4Signer(credentials: credentials, region: region, service: service).sign(&request, date: now)
            do {
                _ = try verifier.verify(request, now: now, endpoint: sqs)
                return nil
            } catch {
                return error.code == .signatureMismatch ? error.message : "\(error.code)"
            }
        }
        #expect(
            refusal(service: "s3", region: "us-east-1") == "Credential should be scoped to correct service: 'sqs'. "
        )
        #expect(
            refusal(service: "sqs", region: "eu-west-1")
                == "Credential should be scoped to a valid region, not 'eu-west-1'. "
        )
    }

    @Test(arguments: ["nan", "inf", "1e9", "604801", "0", "-5", "60.5", ""])
    func presignedExpiryMustBeAWholeNumberOfSecondsUpToAWeek(expires: String) {
        var request = SignableRequest(
            method: "GET",
            path: "/",
            query: "Action=GetCallerIdentity&Version=2011-06-15",
            headers: [.init("Host", "127.0.0.1:4566")]
        )
        SigV4Signer(credentials: credentials, region: "us-east-1", service: "sts").presign(
            &request,
            date: now,
            expires: 60
        )
        request.query = request.query.replacingOccurrences(of: "X-Amz-Expires=60", with: "X-Amz-Expires=\(expires)")
        #expect(code(request) == .incompleteSignature)
    }

    private func code(_ request: SignableRequest, at time: Date? = nil) -> SigV4VerificationError.Code? {
        do {
            _ = try verifier.verify(request, now: time ?? now)
            return nil
        } catch {
            return error.code
        }
    }
}
