/// Decodes a JSON string, integer or float as its string form: Sentry sends ids as numbers in some payloads
/// and strings in others (`issue_id`, `project`, `id`).
public struct LooseString: Decodable, Sendable, Hashable, CustomStringConvertible {
    public var value: String

    public init(_ value: String) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let integer = try? container.decode(Int64.self) {
            value = String(integer)
        } else if let number = try? container.decode(Double.self) {
            value = number.rounded() == number ? String(Int64(number)) : String(number)
        } else if let flag = try? container.decode(Bool.self) {
            value = String(flag)
        } else {
            throw DecodingError.typeMismatch(
                String.self,
                .init(codingPath: decoder.codingPath, debugDescription: "expected a string or a number")
            )
        }
    }

    public var description: String { value }
}

extension KeyedDecodingContainer {
    /// A loosely typed optional id: absent, null or blank all give nil.
    func looseString(forKey key: Key) -> String? {
        guard let loose = try? decodeIfPresent(LooseString.self, forKey: key) else { return nil }
        return loose.value.isEmpty ? nil : loose.value
    }
}
