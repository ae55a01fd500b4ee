import AWSSigV4
import Foundation
import TestSupport
import Testing

/// The signer against AWS's published Signature Version 4 test suite (fixtures in `Vectors/`).
@Suite struct SignerTests {
    struct Suite: Decodable {
        var accessKeyID: String
        var secretAccessKey: String
        var region: String
        var service: String
        var date: String
        var host: String
        var cases: [Case]
        var canonicalURIs: [CanonicalURI]
    }

    struct Case: Decodable, CustomTestStringConvertible {
        var name: String
        var method: String
        var path: String
        var query: String
        var headers: [[String]]
        var body: String
        var sessionToken: String?
        var signedHeaders: String
        var signature: String
        var testDescription: String { name }
    }

    struct CanonicalURI: Decodable, CustomTestStringConvertible {
        var name: String
        var path: String
        var canonical: String
        var testDescription: String { name }
    }

    /// AWS's published SigV4 test suite, copied into this target's bundle.
    static let vectors = FixtureLoader(bundle: .module, subdirectory: "Vectors")

    static let suite: Suite = {
        try! JSONDecoder().decode(Suite.self, from: vectors.data("aws-sig-v4-test-suite"))
    }()

    static func vector(_ name: String) throws -> String {
        try vectors.text(name, ext: nil)
    }

    static func signer(sessionToken: String? = nil) -> SigV4Signer {
        SigV4Signer(
            credentials: AWSCredentials(
                accessKeyID: suite.accessKeyID,
                secretAccessKey: suite.secretAccessKey,
                sessionToken: sessionToken
            ),
            region: suite.region,
            service: suite.service,
            pathEncoding: .single
        )
    }

    static func request(_ testCase: Case) -> SignableRequest {
        var headers = [SignableRequest.Header("Host", suite.host)]
        headers += testCase.headers.map { SignableRequest.Header($0[0], $0[1]) }
        return SignableRequest(
            method: testCase.method,
            path: testCase.path,
            query: testCase.query,
            headers: headers,
            body: Array(testCase.body.utf8)
        )
    }

    @Test(arguments: suite.cases)
    func publishedCaseSignsToItsPublishedAuthorization(_ testCase: Case) throws {
        var request = Self.request(testCase)
        let date = try #require(AmzDate.parse(Self.suite.date))
        Self.signer(sessionToken: testCase.sessionToken).sign(&request, date: date)
        let expected =
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=\(testCase.signedHeaders), Signature=\(testCase.signature)"
        #expect(request.value(of: "authorization") == expected)
        #expect(request.value(of: "x-amz-date") == "20150830T123600Z")
        #expect(request.value(of: "x-amz-security-token") == testCase.sessionToken)
    }

    @Test func getVanillaBuildsThePublishedCanonicalRequestAndStringToSign() throws {
        let testCase = try #require(Self.suite.cases.first { $0.name == "get-vanilla" })
        var request = Self.request(testCase)
        let result = Self.signer().sign(&request, date: try #require(AmzDate.parse("20150830T123600Z")))
        #expect(result.canonicalRequest == (try Self.vector("get-vanilla.creq")))
        #expect(result.stringToSign == (try Self.vector("get-vanilla.sts")))
    }

    @Test(arguments: suite.canonicalURIs)
    func publishedPathCanonicalisesToThePublishedURI(_ uri: CanonicalURI) {
        // The suite writes paths unencoded; on the wire they travel percent-encoded once.
        let wirePath = SigV4Canonical.uriEncode(uri.path, keepSlash: true)
        #expect(SigV4Canonical.canonicalURI(wirePath, encoding: .single) == uri.canonical)
    }

    @Test func everyServiceButS3EncodesTheWirePathTwice() {
        #expect(SigV4Canonical.canonicalURI("/a%2Fb", encoding: .double) == "/a%252Fb")
        #expect(SigV4Canonical.canonicalURI("/example%20space/", encoding: .double) == "/example%2520space/")
        #expect(
            SigV4Canonical.canonicalURI("/2015-03-31/functions/fn%3A1/invocations")
                == "/2015-03-31/functions/fn%253A1/invocations"
        )
        #expect(SigV4Canonical.canonicalURI("") == "/")
    }

    @Test func canonicalQuerySortsByEncodedNameThenValueAndKeepsPlusLiteral() {
        #expect(SigV4Canonical.canonicalQuery("Param2=value2&Param1=value1") == "Param1=value1&Param2=value2")
        #expect(SigV4Canonical.canonicalQuery("a=10&a=9") == "a=10&a=9")
        #expect(SigV4Canonical.canonicalQuery("q=a+b") == "q=a%2Bb")
        #expect(SigV4Canonical.canonicalQuery("b&a=1") == "a=1&b=")
        #expect(SigV4Canonical.canonicalQuery("a=1=2") == "a=1%3D2")
        #expect(SigV4Canonical.canonicalQuery("x=a.b&x=a%2Fb") == "x=a%2Fb&x=a.b")
    }

    @Test func amzDateRoundTrips() throws {
        let date = try #require(AmzDate.parse("20150830T123600Z"))
        #expect(date.timeIntervalSince1970 == 1_440_938_160)
        #expect(AmzDate.format(date) == "20150830T123600Z")
        #expect(AmzDate.format(Date(timeIntervalSince1970: 951_782_400)) == "20000229T000000Z")
        #expect(AmzDate.parse("2015-08-30T12:36:00Z") == nil)
        #expect(AmzDate.parse("20151330T123600Z") == nil)
    }
}
