import Foundation
import Logging

/// AWS Secrets Manager over the JSON 1.1 protocol (`X-Amz-Target: secretsmanager.<Operation>`).
public struct SecretsManagerClient: Sendable {
    public var client: AWSJSONClient

    public init(
        configuration: AWSConfiguration,
        transport: any HTTPTransport,
        logger: Logger,
        options: AWSClientOptions = AWSClientOptions()
    ) {
        client = AWSJSONClient(
            service: .secretsManager,
            jsonVersion: "1.1",
            targetPrefix: "secretsmanager",
            configuration: configuration,
            transport: transport,
            logger: logger,
            options: options
        )
    }

    /// The value of the secret `secretId` (name or ARN): the `AWSCURRENT` version unless `versionID` or
    /// `versionStage` names another.
    public func getSecretValue(
        secretId: String,
        versionID: String? = nil,
        versionStage: String? = nil,
        deadline: ContinuousClock.Instant
    ) async throws -> SecretValue {
        try await client.call(
            "GetSecretValue",
            GetSecretValueInput(secretId: secretId, versionID: versionID, versionStage: versionStage),
            output: SecretValue.self,
            deadline: deadline
        )
    }

    struct GetSecretValueInput: Encodable {
        var secretId: String
        var versionID: String?
        var versionStage: String?

        enum CodingKeys: String, CodingKey {
            case secretId = "SecretId"
            case versionID = "VersionId"
            case versionStage = "VersionStage"
        }
    }
}
