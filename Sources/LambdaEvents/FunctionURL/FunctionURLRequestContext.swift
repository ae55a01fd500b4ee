/// `requestContext` of a Function URL / HTTP API 2.0 request.
public struct FunctionURLRequestContext: Codable, Sendable, Equatable {
    /// The caller's account for IAM-authorised URLs; `anonymous` for URLs with auth type `NONE`.
    public var accountId: String
    public var apiId: String
    /// The mTLS client certificate block, when there is one (kept as sent).
    public var authentication: JSONValue?
    public var authorizer: FunctionURLAuthorizer?
    public var domainName: String
    public var domainPrefix: String
    public var http: HTTP
    public var requestId: String
    public var routeKey: String
    public var stage: String
    /// `dd/MMM/yyyy:HH:mm:ss +0000`, for example `12/Mar/2020:19:03:58 +0000`.
    public var time: String
    /// Milliseconds since the Unix epoch.
    public var timeEpoch: Int64

    public init(
        accountId: String,
        apiId: String,
        authentication: JSONValue? = nil,
        authorizer: FunctionURLAuthorizer? = nil,
        domainName: String,
        domainPrefix: String,
        http: HTTP,
        requestId: String,
        routeKey: String = "$default",
        stage: String = "$default",
        time: String,
        timeEpoch: Int64
    ) {
        self.accountId = accountId
        self.apiId = apiId
        self.authentication = authentication
        self.authorizer = authorizer
        self.domainName = domainName
        self.domainPrefix = domainPrefix
        self.http = http
        self.requestId = requestId
        self.routeKey = routeKey
        self.stage = stage
        self.time = time
        self.timeEpoch = timeEpoch
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accountId = try container.decode(String.self, forKey: .accountId)
        apiId = try container.decode(String.self, forKey: .apiId)
        let authentication = try container.decodeIfPresent(JSONValue.self, forKey: .authentication)
        self.authentication = authentication == .null ? nil : authentication
        authorizer = try container.decodeIfPresent(FunctionURLAuthorizer.self, forKey: .authorizer)
        domainName = try container.decode(String.self, forKey: .domainName)
        domainPrefix = try container.decode(String.self, forKey: .domainPrefix)
        http = try container.decode(HTTP.self, forKey: .http)
        requestId = try container.decode(String.self, forKey: .requestId)
        routeKey = try container.decode(String.self, forKey: .routeKey)
        stage = try container.decode(String.self, forKey: .stage)
        time = try container.decode(String.self, forKey: .time)
        timeEpoch = try container.decode(Int64.self, forKey: .timeEpoch)
    }

    enum CodingKeys: String, CodingKey {
        case accountId, apiId, authentication, authorizer, domainName, domainPrefix, http, requestId, routeKey
        case stage, time, timeEpoch
    }

    /// `requestContext.http`: the request line as the client sent it.
    public struct HTTP: Codable, Sendable, Equatable {
        public var method: String
        public var path: String
        public var `protocol`: String
        public var sourceIp: String
        public var userAgent: String

        public init(method: String, path: String, protocol: String = "HTTP/1.1", sourceIp: String, userAgent: String) {
            self.method = method
            self.path = path
            self.protocol = `protocol`
            self.sourceIp = sourceIp
            self.userAgent = userAgent
        }
    }
}
