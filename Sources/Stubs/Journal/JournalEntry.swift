import Foundation

/// One recorded request and its answer. Secrets in headers are already redacted when an entry is made.
package struct JournalEntry: Sendable {
    package var id: Int
    package var time: Date
    package var method: String
    package var path: String
    package var query: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]
    /// The status sent, or 0 when the connection was reset instead.
    package var status: Int
    package var responseHeaders: [(name: String, value: String)]
    package var responseBody: [UInt8]
    package var latencyMilliseconds: Double
    /// The kind of fault applied to this request, if any.
    package var fault: String?
    /// The request body's full size when the journal kept only its first bytes (`Journal.bodyCap`); nil when
    /// it is whole.
    package var bodyTruncatedFrom: Int? = nil
    /// The same for the response body.
    package var responseTruncatedFrom: Int? = nil

    /// Headers whose values are never stored.
    static let redactedHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "x-api-key"]

    package static func redact(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        headers.map { header in
            guard redactedHeaders.contains(header.name.lowercased()) else { return header }
            if let space = header.value.firstIndex(of: " ") {
                return (header.name, "\(header.value[..<space]) <redacted>")
            }
            return (header.name, "<redacted>")
        }
    }

    package func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The entry as the admin API and `devstack calls --json` show it. Bodies that are JSON are shown parsed
    /// under `body_json` too; bodies that are not UTF-8 are base64.
    package var json: JSON {
        var object: [String: JSON] = [
            "id": .number(Double(id)),
            "time": .string(ISO8601.format(time)),
            "method": .string(method),
            "path": .string(path),
            "query": .string(query),
            "headers": .object(JournalEntry.headerObject(headers)),
            "status": .number(Double(status)),
            "response_headers": .object(JournalEntry.headerObject(responseHeaders)),
            "latency_ms": .number((latencyMilliseconds * 1000).rounded() / 1000),
            "fault": fault.map(JSON.string) ?? .null,
        ]
        JournalEntry.put(body, as: "body", into: &object)
        JournalEntry.put(responseBody, as: "response", into: &object)
        if let size = bodyTruncatedFrom {
            object["body_truncated"] = .bool(true)
            object["body_bytes"] = .number(Double(size))
        }
        if let size = responseTruncatedFrom {
            object["response_truncated"] = .bool(true)
            object["response_bytes"] = .number(Double(size))
        }
        return .object(object)
    }

    private static func headerObject(_ headers: [(name: String, value: String)]) -> [String: JSON] {
        var out: [String: JSON] = [:]
        for header in headers {
            let key = header.name.lowercased()
            if case .string(let existing) = out[key] {
                out[key] = .string(existing + ", " + header.value)
            } else {
                out[key] = .string(header.value)
            }
        }
        return out
    }

    private static func put(_ bytes: [UInt8], as key: String, into object: inout [String: JSON]) {
        if let text = String(validating: bytes, as: UTF8.self) {
            object[key] = .string(text)
            if let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0a && $0 != 0x0d && $0 != 0x09 }),
                first == UInt8(ascii: "{") || first == UInt8(ascii: "["), let parsed = JSON.parse(bytes)
            {
                object[key + "_json"] = parsed
            }
        } else {
            object[key] = .string(Data(bytes).base64EncodedString())
            object[key + "_encoding"] = "base64"
        }
    }
}
