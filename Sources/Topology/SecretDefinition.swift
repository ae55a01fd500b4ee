import Foundation

/// A Secrets Manager secret of the stack. In YAML its `value` is either a string or a mapping; a mapping is
/// stored as the JSON object string the service reads (`{"ASANA_PAT": …}`), as the console stores key/value pairs.
public struct SecretDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var secretString: String

    public init(name: String, secretString: String) {
        self.name = name
        self.secretString = secretString
    }

    enum CodingKeys: String, CodingKey {
        case name, value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        if let text = try? container.decode(String.self, forKey: .value) {
            secretString = text
        } else {
            let pairs = try container.decode([String: String].self, forKey: .value)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            secretString = String(decoding: try encoder.encode(pairs), as: UTF8.self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(secretString, forKey: .value)
    }
}
