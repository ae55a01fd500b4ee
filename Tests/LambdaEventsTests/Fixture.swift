import Foundation
import LambdaEvents
import Testing

/// Loads the JSON fixtures of this folder and compares JSON documents by value.
enum Fixture {
    static func data(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    static func json(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Decodes fixture `name` as `T`, encodes it again and returns both documents as values. `null` members of the
    /// fixture are dropped: Lambda's examples show some fields as `null`, real events leave them out, and
    /// consumers treat the two alike; we always leave them out.
    static func roundTrip<T: Codable>(
        _ name: String,
        as type: T.Type
    ) throws -> (
        original: JSONValue, reencoded: JSONValue, decoded: T
    ) {
        let data = try data(name)
        let decoded = try JSONDecoder().decode(T.self, from: data)
        let reencoded = try JSONEncoder().encode(decoded)
        return (try json(data).removingNulls(), try json(reencoded), decoded)
    }
}

extension JSONValue {
    func removingNulls() -> JSONValue {
        switch self {
        case .object(let members):
            .object(members.filter { $0.value != .null }.mapValues { $0.removingNulls() })
        case .array(let items):
            .array(items.map { $0.removingNulls() })
        default:
            self
        }
    }
}
