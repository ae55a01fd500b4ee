/// Which journal entries to read or count. Every field left `nil` matches everything.
package struct JournalFilter: Sendable {
    package var method: String?
    /// A path pattern as for faults: exact, `*` for one segment, `**` for the rest.
    package var path: String?
    package var status: Int?
    /// Only entries with an id greater than this.
    package var since: Int?
    /// Only entries whose request body contains this text.
    package var bodyContains: String?
    /// At most this many, the newest last.
    package var limit: Int?

    package init(
        method: String? = nil,
        path: String? = nil,
        status: Int? = nil,
        since: Int? = nil,
        bodyContains: String? = nil,
        limit: Int? = nil
    ) {
        self.method = method
        self.path = path
        self.status = status
        self.since = since
        self.bodyContains = bodyContains
        self.limit = limit
    }

    /// Reads `method`, `path`, `status`, `since`, `body_contains` and `limit` from an admin query.
    package init(query: [String: String]) throws(SeedError) {
        method = query["method"].map { $0.uppercased() }
        path = query["path"]
        since = try JournalFilter.integer(query["since"], "since")
        status = try JournalFilter.integer(query["status"], "status")
        limit = try JournalFilter.integer(query["limit"], "limit")
        bodyContains = query["body_contains"]
    }

    private static func integer(_ text: String?, _ name: String) throws(SeedError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), value >= 0 else { throw SeedError("\(name) must be a non-negative integer") }
        return value
    }

    package func matches(_ entry: JournalEntry) -> Bool {
        if let since, entry.id <= since { return false }
        if let method, entry.method != method { return false }
        if let status, entry.status != status { return false }
        if let path, !PathPattern(path).matches(entry.path) { return false }
        if let bodyContains, !String(decoding: entry.body, as: UTF8.self).contains(bodyContains) { return false }
        return true
    }
}
