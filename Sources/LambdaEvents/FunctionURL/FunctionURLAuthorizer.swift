/// `requestContext.authorizer`: who the caller is, when the URL (IAM) or the HTTP API (JWT, Lambda authorizer)
/// authorised the request.
public struct FunctionURLAuthorizer: Codable, Sendable, Equatable {
    public var iam: IAM?
    public var jwt: JWT?
    /// The context a Lambda authorizer returned, kept as sent.
    public var lambda: JSONValue?

    public init(iam: IAM? = nil, jwt: JWT? = nil, lambda: JSONValue? = nil) {
        self.iam = iam
        self.jwt = jwt
        self.lambda = lambda
    }

    /// The IAM caller of an `AWS_IAM` Function URL.
    public struct IAM: Codable, Sendable, Equatable {
        public var accessKey: String?
        public var accountId: String?
        public var callerId: String?
        public var cognitoIdentity: JSONValue?
        public var principalOrgId: String?
        public var userArn: String?
        public var userId: String?

        public init(
            accessKey: String? = nil,
            accountId: String? = nil,
            callerId: String? = nil,
            cognitoIdentity: JSONValue? = nil,
            principalOrgId: String? = nil,
            userArn: String? = nil,
            userId: String? = nil
        ) {
            self.accessKey = accessKey
            self.accountId = accountId
            self.callerId = callerId
            self.cognitoIdentity = cognitoIdentity
            self.principalOrgId = principalOrgId
            self.userArn = userArn
            self.userId = userId
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            accessKey = try container.decodeIfPresent(String.self, forKey: .accessKey)
            accountId = try container.decodeIfPresent(String.self, forKey: .accountId)
            callerId = try container.decodeIfPresent(String.self, forKey: .callerId)
            let cognitoIdentity = try container.decodeIfPresent(JSONValue.self, forKey: .cognitoIdentity)
            self.cognitoIdentity = cognitoIdentity == .null ? nil : cognitoIdentity
            principalOrgId = try container.decodeIfPresent(String.self, forKey: .principalOrgId)
            userArn = try container.decodeIfPresent(String.self, forKey: .userArn)
            userId = try container.decodeIfPresent(String.self, forKey: .userId)
        }

        enum CodingKeys: String, CodingKey {
            case accessKey, accountId, callerId, cognitoIdentity, principalOrgId, userArn, userId
        }
    }

    /// The validated token of an HTTP API JWT authorizer.
    public struct JWT: Codable, Sendable, Equatable {
        public var claims: [String: String]
        public var scopes: [String]?

        public init(claims: [String: String], scopes: [String]? = nil) {
            self.claims = claims
            self.scopes = scopes
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iam = try container.decodeIfPresent(IAM.self, forKey: .iam)
        jwt = try container.decodeIfPresent(JWT.self, forKey: .jwt)
        let lambda = try container.decodeIfPresent(JSONValue.self, forKey: .lambda)
        self.lambda = lambda == .null ? nil : lambda
    }

    enum CodingKeys: String, CodingKey {
        case iam, jwt, lambda
    }
}
