import Foundation

/// One HTTP request as a stub sees it: the method, the raw path and query, the headers in arrival order and the
/// whole body. Built once per request by the server and handed to the service and the journal.
package struct StubRequest: Sendable {
    package var method: String
    /// The path without the query, as sent (still percent-encoded).
    package var path: String
    /// The raw query string without `?` (empty when there is none).
    package var rawQuery: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(
        method: String,
        path: String,
        rawQuery: String = "",
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
    }

    /// Splits `path?query` as it arrives on the request line.
    package init(method: String, uri: String, headers: [(name: String, value: String)], body: [UInt8]) {
        if let mark = uri.firstIndex(of: "?") {
            self.init(
                method: method,
                path: String(uri[..<mark]),
                rawQuery: String(uri[uri.index(after: mark)...]),
                headers: headers,
                body: body
            )
        } else {
            self.init(method: method, path: uri, headers: headers, body: body)
        }
    }

    /// The first value of a header, case-insensitively.
    package func header(_ name: String) -> String? {
        for header in headers where header.name.caseInsensitiveCompare(name) == .orderedSame {
            return header.value
        }
        return nil
    }

    /// Query parameters, percent- and `+`-decoded; a repeated name keeps its last value.
    package var query: [String: String] {
        var out: [String: String] = [:]
        guard !rawQuery.isEmpty else { return out }
        for pair in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = StubRequest.decode(parts[0])
            out[name] = parts.count > 1 ? StubRequest.decode(parts[1]) : ""
        }
        return out
    }

    /// The path's segments, percent-decoded, without empty ones (`/a//b/` → `["a", "b"]`).
    package var segments: [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map { StubRequest.decode($0) }
    }

    /// The body's `Content-Type` media type in lower case, without parameters.
    package var mediaType: String? {
        header("Content-Type").map {
            $0.split(separator: ";", maxSplits: 1).first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            } ?? ""
        }
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.contains("+") ? text.replacingOccurrences(of: "+", with: " ") : String(text)
        return spaced.removingPercentEncoding ?? spaced
    }
}
