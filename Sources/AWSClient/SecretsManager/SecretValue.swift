import Foundation

/// A secret's value as GetSecretValue returns it. Its descriptions never show the secret itself.
public struct SecretValue: Codable, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var arn: String
    public var name: String
    public var versionID: String?
    public var secretString: String?
    public var secretBinary: Data?
    public var versionStages: [String]
    public var createdDate: Date?

    public init(
        arn: String,
        name: String,
        versionID: String? = nil,
        secretString: String? = nil,
        secretBinary: Data? = nil,
        versionStages: [String] = [],
        createdDate: Date? = nil
    ) {
        self.arn = arn
        self.name = name
        self.versionID = versionID
        self.secretString = secretString
        self.secretBinary = secretBinary
        self.versionStages = versionStages
        self.createdDate = createdDate
    }

    enum CodingKeys: String, CodingKey {
        case arn = "ARN"
        case name = "Name"
        case versionID = "VersionId"
        case secretString = "SecretString"
        case secretBinary = "SecretBinary"
        case versionStages = "VersionStages"
        case createdDate = "CreatedDate"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        arn = try container.decode(String.self, forKey: .arn)
        name = try container.decode(String.self, forKey: .name)
        versionID = try container.decodeIfPresent(String.self, forKey: .versionID)
        secretString = try container.decodeIfPresent(String.self, forKey: .secretString)
        secretBinary = try container.decodeIfPresent(Data.self, forKey: .secretBinary)
        versionStages = try container.decodeIfPresent([String].self, forKey: .versionStages) ?? []
        createdDate = try container.decodeIfPresent(Date.self, forKey: .createdDate)
    }

    /// The `SecretString` parsed as a JSON object of strings (the shape of `Sentry_Asana_Secrets`).
    public func jsonFields() throws(AWSClientError) -> [String: String] {
        guard let secretString else {
            throw AWSClientError(.invalidResponse, "secret '\(name)' has no SecretString")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(secretString.utf8)) as? [String: Any] else {
            throw AWSClientError(.invalidResponse, "the SecretString of secret '\(name)' is not a JSON object")
        }
        var fields: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case let text as String: fields[key] = text
            case let number as NSNumber: fields[key] = number.stringValue
            default:
                throw AWSClientError(
                    .invalidResponse,
                    "field '\(key)' of secret '\(name)' is not a string or a number"
                )
            }
        }
        return fields
    }

    public var description: String {
        let kind = secretString != nil ? "string" : secretBinary != nil ? "binary" : "empty"
        return
            "SecretValue(name: \(name), versionID: \(versionID ?? "-"), stages: \(versionStages), value: <\(kind), redacted>)"
    }

    public var debugDescription: String { description }
}
