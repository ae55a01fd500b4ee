import AWSSigV4

/// A request as the emulator sees it: exactly what came over the wire (raw path and query, every header with
/// `host` included, the raw body), independent of the HTTP server package.
package struct EmulatorRequest: Sendable {
    package var method: String
    /// The percent-encoded path of the request line, without the query.
    package var path: String
    /// The raw query string, without `?`.
    package var query: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(method: String, path: String, query: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Splits a request target (`/path?query`) into its parts.
    package init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
        if let mark = target.firstIndex(of: "?") {
            self.init(
                method: method,
                path: String(target[..<mark]),
                query: String(target[target.index(after: mark)...]),
                headers: headers,
                body: body
            )
        } else {
            self.init(method: method, path: target, query: "", headers: headers, body: body)
        }
    }

    /// The first value of a header (case-insensitive).
    package func header(_ name: String) -> String? {
        headers.first { ASCII.equalsIgnoringCase($0.name, name) }?.value
    }

    package var host: String { header("host") ?? "localhost" }
}

/// An answer: status, headers, body.
package struct EmulatorResponse: Sendable {
    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    package static func json(
        _ object: [String: Any],
        status: Int = 200,
        contentType: String = "application/json"
    )
        -> EmulatorResponse
    {
        EmulatorResponse(status: status, headers: [("Content-Type", contentType)], body: JSONOutput.encode(object))
    }
}
