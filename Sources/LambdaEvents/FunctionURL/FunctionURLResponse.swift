import Foundation

/// What a Function URL (or HTTP API 2.0) handler returns. Lambda turns it into the HTTP response: `cookies`
/// become `Set-Cookie` headers, a body flagged `isBase64Encoded` is decoded to bytes first.
public struct FunctionURLResponse: Codable, Sendable, Equatable {
    public var statusCode: Int
    public var headers: [String: String]?
    public var cookies: [String]?
    public var body: String?
    public var isBase64Encoded: Bool?

    public init(
        statusCode: Int,
        headers: [String: String]? = nil,
        cookies: [String]? = nil,
        body: String? = nil,
        isBase64Encoded: Bool? = nil
    ) {
        self.statusCode = statusCode
        self.headers = headers
        self.cookies = cookies
        self.body = body
        self.isBase64Encoded = isBase64Encoded
    }

    /// A response carrying raw bytes, base64-encoded as Lambda expects.
    public init(statusCode: Int, headers: [String: String]? = nil, cookies: [String]? = nil, bodyBytes: Data) {
        self.init(
            statusCode: statusCode,
            headers: headers,
            cookies: cookies,
            body: bodyBytes.base64EncodedString(),
            isBase64Encoded: true
        )
    }

    /// The body as bytes: base64-decoded when flagged, UTF-8 otherwise, empty when absent.
    public var bodyBytes: Data {
        get throws(LambdaEventError) {
            guard let body else { return Data() }
            guard isBase64Encoded == true else { return Data(body.utf8) }
            guard let bytes = Data(base64Encoded: body) else {
                throw LambdaEventError(.invalidBase64, "the response body is flagged isBase64Encoded but is not base64")
            }
            return bytes
        }
    }

    /// The value of the header `name`, compared without regard to case.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers?.first { $0.key.lowercased() == lowered }?.value
    }
}

/// The same response under the name API Gateway gives it.
public typealias APIGatewayV2Response = FunctionURLResponse
