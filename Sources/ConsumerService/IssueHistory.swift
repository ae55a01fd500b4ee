import SentryAPI

/// What Sentry's REST API adds to the webhook: the recurrence chain (tasks already linked to the issue) and
/// the issue's counts. `unavailable` when Sentry answered permanently (issue deleted or merged).
struct IssueHistory: Sendable, Equatable {
    var issue: SentryIssue?
    /// Links in Sentry's order (oldest first).
    var links: [ExternalIssue]
    /// Why there is no chain, when there is none.
    var unavailableReason: String?

    static let none = IssueHistory(issue: nil, links: [], unavailableReason: nil)

    var rootTaskURL: String? { links.first?.webURL }
    var previousTaskURL: String? { links.count > 1 ? links.last?.webURL : nil }

    /// Asana task gids of the links, newest first (the last numeric path segment of each `webUrl`).
    var linkedTaskGIDs: [String] { links.reversed().compactMap { Self.taskGID(from: $0.webURL) } }

    static func taskGID(from url: String) -> String? {
        let trimmed = url.split(separator: "?").first.map(String.init) ?? url
        let segments = trimmed.split(separator: "/").map(String.init).filter { $0 != "f" }
        guard let last = segments.last, !last.isEmpty, last.allSatisfy(\.isNumber) else { return nil }
        return last
    }
}
