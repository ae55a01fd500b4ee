/// One tag of a Sentry event. The webhook sends `["key", "value"]` pairs; the REST API sends
/// `{"key": …, "value": …}` objects. Both decode here; values may be numbers or null.
public struct EventTag: Decodable, Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    private enum CodingKeys: String, CodingKey { case key, value }

    public init(from decoder: any Decoder) throws {
        if var pair = try? decoder.unkeyedContainer() {
            key = try pair.decode(LooseString.self).value
            value = (try? pair.decodeIfPresent(LooseString.self))??.value ?? ""
        } else {
            let object = try decoder.container(keyedBy: CodingKeys.self)
            key = try object.decode(LooseString.self, forKey: .key).value
            value = object.looseString(forKey: .value) ?? ""
        }
    }
}

extension Array where Element == EventTag {
    /// The first value of `key`, nil when absent or blank.
    public func value(for key: String) -> String? {
        guard let tag = first(where: { $0.key == key }), !tag.value.isEmpty else { return nil }
        return tag.value
    }

    /// Tags as a dictionary, the first value winning for a repeated key.
    public var dictionary: [String: String] {
        var out: [String: String] = [:]
        for tag in self where out[tag.key] == nil { out[tag.key] = tag.value }
        return out
    }
}
