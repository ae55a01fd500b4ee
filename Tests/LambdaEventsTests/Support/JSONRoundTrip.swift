import Foundation
import LambdaEvents
import TestSupport

/// Compares JSON documents by value: a fixture as read against the same value decoded and encoded again.
enum JSONRoundTrip {
    static func json(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Decodes fixture `name` as `T`, encodes it again and returns both documents as values. `null` members of the
    /// fixture are dropped: Lambda's examples show some fields as `null`, real events leave them out, and
    /// consumers treat the two alike; we always leave them out.
    static func of<T: Codable>(
        _ name: String,
        as type: T.Type
    ) throws -> (
        original: JSONValue, reencoded: JSONValue, decoded: T
    ) {
        let data = try FixtureLoader.bundled.data(name)
        let decoded = try JSONDecoder().decode(T.self, from: data)
        let reencoded = try JSONEncoder().encode(decoded)
        return (try json(data).removingNulls(), try json(reencoded), decoded)
    }
}
