/// The request event of a Lambda Function URL, which is the API Gateway HTTP API payload format 2.0.
///
/// Header names arrive lower-cased, repeated headers joined with commas; cookies come separately in `cookies`.
/// Fields Lambda leaves out when empty (`cookies`, `queryStringParameters`, `body`, ...) are optional and are left
/// out again when encoding; an explicit `null` decodes as absent.
public struct FunctionURLRequest: Codable, Sendable, Equatable {
    public var version: String
    public var routeKey: String
    public var rawPath: String
    public var rawQueryString: String
    public var cookies: [String]?
    public var headers: [String: String]
    public var queryStringParameters: [String: String]?
    public var pathParameters: [String: String]?
    public var stageVariables: [String: String]?
    public var requestContext: FunctionURLRequestContext
    public var body: String?
    public var isBase64Encoded: Bool

    public init(
        version: String = "2.0",
        routeKey: String = "$default",
        rawPath: String,
        rawQueryString: String = "",
        cookies: [String]? = nil,
        headers: [String: String] = [:],
        queryStringParameters: [String: String]? = nil,
        pathParameters: [String: String]? = nil,
        stageVariables: [String: String]? = nil,
        requestContext: FunctionURLRequestContext,
        body: String? = nil,
        isBase64Encoded: Bool = false
    ) {
        self.version = version
        self.routeKey = routeKey
        self.rawPath = rawPath
        self.rawQueryString = rawQueryString
        self.cookies = cookies
        self.headers = headers
        self.queryStringParameters = queryStringParameters
        self.pathParameters = pathParameters
        self.stageVariables = stageVariables
        self.requestContext = requestContext
        self.body = body
        self.isBase64Encoded = isBase64Encoded
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(String.self, forKey: .version)
        routeKey = try container.decode(String.self, forKey: .routeKey)
        rawPath = try container.decode(String.self, forKey: .rawPath)
        rawQueryString = try container.decodeIfPresent(String.self, forKey: .rawQueryString) ?? ""
        cookies = try container.decodeIfPresent([String].self, forKey: .cookies)
        headers = try container.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
        queryStringParameters = try container.decodeIfPresent([String: String].self, forKey: .queryStringParameters)
        pathParameters = try container.decodeIfPresent([String: String].self, forKey: .pathParameters)
        stageVariables = try container.decodeIfPresent([String: String].self, forKey: .stageVariables)
        requestContext = try container.decode(FunctionURLRequestContext.self, forKey: .requestContext)
        body = try container.decodeIfPresent(String.self, forKey: .body)
        isBase64Encoded = try container.decodeIfPresent(Bool.self, forKey: .isBase64Encoded) ?? false
    }

    enum CodingKeys: String, CodingKey {
        case version, routeKey, rawPath, rawQueryString, cookies, headers, queryStringParameters, pathParameters
        case stageVariables, requestContext, body, isBase64Encoded
    }
}

/// The same event under the name API Gateway gives it.
public typealias APIGatewayV2Request = FunctionURLRequest
