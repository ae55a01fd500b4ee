/// A path pattern for faults and journal filters: segments compared literally, `*` matches one segment, a final
/// `**` matches any rest (including none). Trailing slashes are ignored on both sides, so `/api/0/issues/1` and
/// `/api/0/issues/1/` are the same path.
package struct PathPattern: Sendable, Equatable {
    package let text: String
    private let segments: [Substring]

    package init(_ text: String) {
        self.text = text
        self.segments = text.split(separator: "/", omittingEmptySubsequences: true)
    }

    package func matches(_ path: String) -> Bool {
        let query = path.firstIndex(of: "?").map { path[..<$0] } ?? Substring(path)
        let actual = query.split(separator: "/", omittingEmptySubsequences: true)
        var index = 0
        for segment in segments {
            if segment == "**" { return true }
            guard index < actual.count else { return false }
            if segment != "*" && segment != actual[index] { return false }
            index += 1
        }
        return index == actual.count
    }
}
