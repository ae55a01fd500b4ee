/// One fault rule: which requests it applies to and what happens to them instead of (or before) the normal
/// answer. Set through `POST /__admin/faults` or a scenario file; nothing is faulted unless a rule says so.
///
/// ```json
/// {"method": "POST", "path": "/api/1.0/tasks", "kind": "status", "status": 503, "times": 2}
/// ```
package struct FaultSpec: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        /// Answer `status` with `body` (or the service's own error shape).
        case status
        /// Answer 429 with `Retry-After: retry_after` (and the service's rate-limit error).
        case rateLimit = "rate_limit"
        /// Wait `latency_ms`, then answer normally.
        case latency
        /// Reset the TCP connection without answering.
        case reset
        /// Answer normally but close the connection after `truncate_to` bytes of the body.
        case truncate
    }

    /// `nil` matches every method.
    package var method: String?
    package var path: PathPattern
    package var kind: Kind
    package var status: Int
    package var body: String?
    package var headers: [(name: String, value: String)]
    /// Let this many matching requests through first.
    package var after: Int
    /// Apply to this many matching requests (after `after`), then let all through; `nil` means always.
    package var times: Int?
    package var retryAfterSeconds: Int
    /// Extra delay before the answer, for every kind (the whole effect of `latency`).
    package var latencyMilliseconds: Int
    /// How many body bytes `truncate` sends; `nil` sends half.
    package var truncateTo: Int?

    package init(
        method: String? = nil,
        path: String,
        kind: Kind,
        status: Int? = nil,
        body: String? = nil,
        headers: [(name: String, value: String)] = [],
        after: Int = 0,
        times: Int? = nil,
        retryAfterSeconds: Int = 1,
        latencyMilliseconds: Int = 0,
        truncateTo: Int? = nil
    ) {
        self.method = method?.uppercased()
        self.path = PathPattern(path)
        self.kind = kind
        self.status = status ?? (kind == .rateLimit ? 429 : 500)
        self.body = body
        self.headers = headers
        self.after = after
        self.times = times
        self.retryAfterSeconds = retryAfterSeconds
        self.latencyMilliseconds = latencyMilliseconds
        self.truncateTo = truncateTo
    }

    package static func == (lhs: FaultSpec, rhs: FaultSpec) -> Bool {
        lhs.json == rhs.json
    }

    /// Reads a rule from its JSON/YAML form, naming the field that is wrong.
    package init(json: JSON) throws(SeedError) {
        guard let object = json.object else { throw SeedError("a fault must be an object") }
        let known: Set<String> = [
            "method", "path", "kind", "status", "body", "headers", "after", "times", "retry_after", "latency_ms",
            "truncate_to",
        ]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw SeedError("unknown fault field '\(unknown)'; known fields: \(known.sorted().joined(separator: ", "))")
        }
        guard let path = object["path"]?.string, path.hasPrefix("/") else {
            throw SeedError("a fault needs 'path', starting with '/' (use * for one segment, ** for the rest)")
        }
        guard let kindText = object["kind"]?.string, let kind = Kind(rawValue: kindText) else {
            throw SeedError(
                "a fault needs 'kind', one of: \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        func integer(_ key: String, _ range: ClosedRange<Int>) throws(SeedError) -> Int? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let number = value.number, number == number.rounded(), number >= Double(range.lowerBound),
                number <= Double(range.upperBound)
            else {
                throw SeedError("fault field '\(key)' must be an integer in \(range.lowerBound)...\(range.upperBound)")
            }
            return Int(number)
        }
        var headers: [(name: String, value: String)] = []
        if let value = object["headers"], !value.isNull {
            guard let map = value.object else { throw SeedError("fault field 'headers' must be an object") }
            for (name, value) in map.sorted(by: { $0.key < $1.key }) {
                guard let text = value.string else { throw SeedError("fault header '\(name)' must be a string") }
                headers.append((name, text))
            }
        }
        let body: String?
        switch object["body"] {
        case nil, .null?: body = nil
        case .string(let text)?: body = text
        case let other?: body = other.text
        }
        self.init(
            method: object["method"]?.string,
            path: path,
            kind: kind,
            status: try integer("status", 100...599),
            body: body,
            headers: headers,
            after: try integer("after", 0...1_000_000) ?? 0,
            times: try integer("times", 0...1_000_000),
            retryAfterSeconds: try integer("retry_after", 0...86_400) ?? 1,
            latencyMilliseconds: try integer("latency_ms", 0...120_000) ?? 0,
            truncateTo: try integer("truncate_to", 0...100_000_000)
        )
    }

    package var json: JSON {
        var object: [String: JSON] = [
            "path": .string(path.text), "kind": .string(kind.rawValue), "after": .number(Double(after)),
            "latency_ms": .number(Double(latencyMilliseconds)),
        ]
        object["method"] = method.map(JSON.string) ?? .null
        object["times"] = times.map { .number(Double($0)) } ?? .null
        switch kind {
        case .status:
            object["status"] = .number(Double(status))
            object["body"] = body.map(JSON.string) ?? .null
        case .rateLimit:
            object["status"] = .number(Double(status))
            object["retry_after"] = .number(Double(retryAfterSeconds))
        case .truncate: object["truncate_to"] = truncateTo.map { .number(Double($0)) } ?? .null
        case .latency, .reset: break
        }
        if !headers.isEmpty {
            object["headers"] = .object(Dictionary(headers.map { ($0.name, JSON.string($0.value)) }) { _, b in b })
        }
        return .object(object)
    }

    package func matches(method: String, path: String) -> Bool {
        if let wanted = self.method, wanted != method { return false }
        return self.path.matches(path)
    }
}
