import Hashing

/// The UUID of a stack's event source mapping, derived from the function and the queue ARN so that it is the
/// same on every start of the same stack (a name-based UUID over SHA-256: version 5's layout).
package enum EventSourceMappingUUID {
    package static func make(function: String, eventSourceARN: String) -> String {
        var bytes = Array(Digest.sha256(Array("event-source-mapping\n\(function)\n\(eventSourceARN)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Array(Hex.encode(bytes))
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
    }
}
