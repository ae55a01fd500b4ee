import Foundation

/// The answer of a stub: status, headers and body bytes.
package struct StubResponse: Sendable {
    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer with `Content-Type: application/json; charset=UTF-8`.
    package static func json(
        _ status: Int,
        _ document: JSON,
        headers: [(name: String, value: String)] = []
    ) -> StubResponse {
        StubResponse(
            status: status,
            headers: [("Content-Type", "application/json; charset=UTF-8")] + headers,
            body: document.bytes
        )
    }

    package func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    package mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        headers.append((name, value))
    }
}
