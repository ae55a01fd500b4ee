import AWSClient
import Foundation

extension SecretsCache {
    /// The production source: `GetSecretValue` of `secretName` (JSON with `SENTRY_CLIENT_SECRET`, `ASANA_PAT`,
    /// `SENTRY_PAT`), each fetch bounded by `timeout`.
    public static func secretsManager(
        _ client: SecretsManagerClient,
        secretName: String,
        timeout: Duration = .seconds(3)
    ) -> SecretsCache {
        SecretsCache {
            let value = try await client.getSecretValue(secretId: secretName, deadline: AWSDeadline.after(timeout))
            guard let text = value.secretString else {
                throw SecretsError(.malformed, "secret '\(secretName)' has no SecretString")
            }
            return try ServiceSecrets.parse(secretString: text)
        }
    }
}
