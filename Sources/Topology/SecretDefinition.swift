import Foundation

/// A Secrets Manager secret of the stack. In YAML its `value` is either a string or a mapping; a mapping is
/// stored as the JSON object string the service reads (`{"ASANA_PAT": …}`), as the console stores key/value pairs.
///
/// The shared topology names a secret and its `keys` (never its value); a stack file gives the development value,
/// and `StackTopology.validate()` checks that the value is a JSON object with exactly those keys.
public struct SecretDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var secretString: String
    /// The keys the value's JSON object must have; nil when the stack does not say.
    public var keys: [String]?

    public init(name: String, secretString: String, keys: [String]? = nil) {
        self.name = name
        self.secretString = secretString
        self.keys = keys
    }

    enum CodingKeys: String, CodingKey {
        case name, value, keys
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        keys = try container.decodeIfPresent([String].self, forKey: .keys)
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
        try container.encodeIfPresent(keys, forKey: .keys)
    }
}
