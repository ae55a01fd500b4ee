import Foundation
import LambdaEvents
import Testing

@Suite("Function URL / HTTP API 2.0 payloads")
struct FunctionURLTests {
    @Test("an IAM-authorised request decodes and re-encodes to the same JSON (nulls left out)")
    func iamRoundTrip() throws {
        let (original, reencoded, request) = try JSONRoundTrip.of("function-url-iam", as: FunctionURLRequest.self)
        #expect(reencoded == original)
        #expect(request.version == "2.0")
        #expect(request.cookies == ["session=abc", "theme=dark"])
        #expect(request.queryStringParameters?["team"] == "payments,web")
        #expect(request.requestContext.http.method == "POST")
        #expect(request.requestContext.http.protocol == "HTTP/1.1")
        #expect(request.requestContext.timeEpoch == 1_795_935_000_000)
        #expect(request.requestContext.authorizer?.iam?.userArn == "arn:aws:iam::111122223333:user/hook-sender")
        #expect(request.requestContext.authorizer?.iam?.cognitoIdentity == nil)
        #expect(request.requestContext.authentication == nil)
        #expect(request.pathParameters == nil)
        #expect(try request.bodyBytes == Data(#"{"action":"created"}"#.utf8))
    }

    @Test("an anonymous request with a base64 body round-trips exactly and decodes its body bytes")
    func anonymousRoundTrip() throws {
        let (original, reencoded, request) = try JSONRoundTrip.of("function-url-none", as: FunctionURLRequest.self)
        #expect(reencoded == original)
        #expect(request.requestContext.accountId == "anonymous")
        #expect(request.cookies == nil)
        #expect(request.queryStringParameters == nil)
        #expect(request.isBase64Encoded)
        #expect(try request.bodyBytes == Data("hello world".utf8))
    }

    @Test("header lookup ignores case")
    func headerLookup() throws {
        let request = try JSONRoundTrip.of("function-url-none", as: FunctionURLRequest.self).decoded
        #expect(request.header("Sentry-Hook-Signature")?.hasPrefix("4f1c0ffee") == true)
        #expect(request.header("CONTENT-TYPE") == "application/octet-stream")
        #expect(request.header("x-missing") == nil)
        var mixed = request
        mixed.headers = ["X-Custom": "1"]
        #expect(mixed.header("x-custom") == "1")
    }

    @Test("a body flagged base64 that is not base64 is an error; no body gives empty bytes")
    func bodyBytesErrors() throws {
        var request = try JSONRoundTrip.of("function-url-none", as: FunctionURLRequest.self).decoded
        request.body = "%%% not base64"
        #expect(throws: LambdaEventError.self) { try request.bodyBytes }
        request.body = nil
        #expect(try request.bodyBytes == Data())
    }

    @Test("a request built in code leaves out what Lambda leaves out")
    func builtRequestShape() throws {
        let request = FunctionURLRequest(
            rawPath: "/",
            headers: ["content-type": "application/json"],
            requestContext: .init(
                accountId: "anonymous",
                apiId: "abc",
                domainName: "abc.lambda-url.us-east-1.on.aws",
                domainPrefix: "abc",
                http: .init(method: "GET", path: "/", sourceIp: "127.0.0.1", userAgent: "test"),
                requestId: "r-1",
                time: "29/Nov/2026:07:00:01 +0000",
                timeEpoch: 1_795_935_601_000
            )
        )
        let json = try JSONRoundTrip.json(JSONEncoder().encode(request))
        guard case .object(let members) = json else {
            Issue.record("the request must encode as an object")
            return
        }
        #expect(
            Set(members.keys)
                == ["version", "routeKey", "rawPath", "rawQueryString", "headers", "requestContext", "isBase64Encoded"]
        )
        #expect(json["routeKey"] == .string("$default"))
        #expect(json["requestContext"]?["stage"] == .string("$default"))
        #expect(json["requestContext"]?["authorizer"] == nil)
    }

    @Test("a response round-trips; the bytes initialiser base64-encodes and flags the body")
    func response() throws {
        let (original, reencoded, response) = try JSONRoundTrip.of(
            "function-url-response",
            as: FunctionURLResponse.self
        )
        #expect(reencoded == original)
        #expect(response.header("Content-Type") == "application/json")
        let binary = FunctionURLResponse(statusCode: 200, bodyBytes: Data([0xff, 0x00]))
        #expect(binary.body == "/wA=")
        #expect(binary.isBase64Encoded == true)
        #expect(try binary.bodyBytes == Data([0xff, 0x00]))
        let minimal = try JSONRoundTrip.json(JSONEncoder().encode(FunctionURLResponse(statusCode: 204)))
        #expect(minimal == .object(["statusCode": .number(204)]))
    }
}
