import Foundation

/// The `Sentry_Asana_Secrets` secret: a JSON object with `SENTRY_CLIENT_SECRET`, `ASANA_PAT`, `SENTRY_PAT`.
/// Each service checks the values it needs. `description` never shows a value.
public struct ServiceSecrets: Sendable, Equatable, CustomStringConvertible {
    public var sentryClientSecret: String?
    public var asanaPAT: String?
    public var sentryPAT: String?

    public init(sentryClientSecret: String? = nil, asanaPAT: String? = nil, sentryPAT: String? = nil) {
        self.sentryClientSecret = sentryClientSecret
        self.asanaPAT = asanaPAT
        self.sentryPAT = sentryPAT
    }

    /// Parses Secrets Manager's `SecretString`.
    public static func parse(secretString: String) throws(SecretsError) -> ServiceSecrets {
        guard let object = try? JSONSerialization.jsonObject(with: Data(secretString.utf8)) as? [String: Any] else {
            throw SecretsError(.malformed, "the secret is not a JSON object")
        }
        func value(_ key: String) -> String? {
            guard let text = object[key] as? String, !text.isEmpty else { return nil }
            return text
        }
        return ServiceSecrets(
            sentryClientSecret: value("SENTRY_CLIENT_SECRET"),
            asanaPAT: value("ASANA_PAT"),
            sentryPAT: value("SENTRY_PAT")
        )
    }

    public var description: String {
        func state(_ value: String?) -> String { value == nil ? "missing" : "set" }
        return "ServiceSecrets(SENTRY_CLIENT_SECRET: \(state(sentryClientSecret)), ASANA_PAT: \(state(asanaPAT)), "
            + "SENTRY_PAT: \(state(sentryPAT)))"
    }
}

public struct SecretsError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable { case malformed, missingKey, unavailable }
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "secrets \(code.rawValue): \(message)" }
}
