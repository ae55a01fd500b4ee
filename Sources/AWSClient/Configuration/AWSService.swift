/// An AWS service this client layer talks to: how its endpoint is found and how its requests are signed.
public struct AWSService: Sendable, Hashable, CustomStringConvertible {
    /// The SigV4 signing name (`sqs`, `secretsmanager`), also the host prefix of the default endpoint.
    public var signingName: String
    /// The suffix of the service-specific endpoint variable: `AWS_ENDPOINT_URL_<suffix>`.
    public var environmentSuffix: String

    public init(signingName: String, environmentSuffix: String) {
        self.signingName = signingName
        self.environmentSuffix = environmentSuffix
    }

    public static let sqs = AWSService(signingName: "sqs", environmentSuffix: "SQS")
    public static let secretsManager = AWSService(signingName: "secretsmanager", environmentSuffix: "SECRETS_MANAGER")
    public static let lambda = AWSService(signingName: "lambda", environmentSuffix: "LAMBDA")
    public static let sts = AWSService(signingName: "sts", environmentSuffix: "STS")

    /// The variable that overrides this service's endpoint, e.g. `AWS_ENDPOINT_URL_SECRETS_MANAGER`.
    public var endpointVariable: String { "AWS_ENDPOINT_URL_\(environmentSuffix)" }

    public var description: String { signingName }
}
