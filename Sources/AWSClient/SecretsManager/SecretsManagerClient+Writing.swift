import Foundation

extension SecretsManagerClient {
    /// What `CreateSecret` and `PutSecretValue` answer.
    public struct SecretVersion: Decodable, Sendable, Equatable {
        public var arn: String
        public var name: String
        public var versionID: String?

        enum CodingKeys: String, CodingKey {
            case arn = "ARN"
            case name = "Name"
            case versionID = "VersionId"
        }
    }

    /// Creates a secret with a string value.
    public func createSecret(
        name: String,
        secretString: String,
        description: String? = nil,
        deadline: ContinuousClock.Instant
    ) async throws -> SecretVersion {
        try await client.call(
            "CreateSecret",
            CreateSecretInput(
                name: name,
                secretString: secretString,
                description: description,
                clientRequestToken: UUID().uuidString.lowercased()
            ),
            output: SecretVersion.self,
            deadline: deadline
        )
    }

    /// Stores a new value; it becomes `AWSCURRENT` and the old one `AWSPREVIOUS`.
    public func putSecretValue(
        secretId: String,
        secretString: String,
        deadline: ContinuousClock.Instant
    ) async throws -> SecretVersion {
        try await client.call(
            "PutSecretValue",
            PutSecretValueInput(
                secretId: secretId,
                secretString: secretString,
                clientRequestToken: UUID().uuidString.lowercased()
            ),
            output: SecretVersion.self,
            deadline: deadline
        )
    }

    struct CreateSecretInput: Encodable {
        var name: String
        var secretString: String
        var description: String?
        var clientRequestToken: String

        enum CodingKeys: String, CodingKey {
            case name = "Name"
            case secretString = "SecretString"
            case description = "Description"
            case clientRequestToken = "ClientRequestToken"
        }
    }

    struct PutSecretValueInput: Encodable {
        var secretId: String
        var secretString: String
        var clientRequestToken: String

        enum CodingKeys: String, CodingKey {
            case secretId = "SecretId"
            case secretString = "SecretString"
            case clientRequestToken = "ClientRequestToken"
        }
    }
}
