import Foundation
import SentryAPI

/// What Sentry's REST API adds to the webhook: the recurrence chain and the issue's counts. `unavailable` when
/// Sentry answered permanently (issue deleted or merged).
///
/// Sentry keeps one external-issue link per app per issue (linking a new task replaces the old link), so the
/// chain is carried as the original carried it: Previous = the task currently linked on the issue; Root = the
/// `Root Asana Task:` line of that task's notes, else the previous task itself.
struct IssueHistory: Sendable, Equatable {
    var issue: SentryIssue?
    /// The issue's external-issue links to Asana tasks, in Sentry's order.
    var links: [ExternalIssue]
    /// Why there is no chain, when there is none.
    var unavailableReason: String?
    /// The root read from the previous task's notes; nil when it had none (or could not be read).
    var rootFromNotes: String?

    init(issue: SentryIssue?, links: [ExternalIssue], unavailableReason: String?, rootFromNotes: String? = nil) {
        self.issue = issue
        self.links = links.filter { Self.taskGID(from: $0.webURL) != nil }
        self.unavailableReason = unavailableReason
        self.rootFromNotes = rootFromNotes
    }

    static let none = IssueHistory(issue: nil, links: [], unavailableReason: nil)

    /// The task currently linked on the issue.
    var previousTaskURL: String? { links.last?.webURL }
    var previousTaskGID: String? { previousTaskURL.flatMap(Self.taskGID(from:)) }
    /// The first task of the chain: named in the previous task's notes, else the previous task.
    var rootTaskURL: String? { rootFromNotes ?? previousTaskURL }

    /// Asana task gids of the links, newest first (the last numeric path segment of each `webUrl`).
    var linkedTaskGIDs: [String] { links.reversed().compactMap { Self.taskGID(from: $0.webURL) } }

    static func taskGID(from url: String) -> String? {
        let trimmed = url.split(separator: "?").first.map(String.init) ?? url
        let segments = trimmed.split(separator: "/").map(String.init).filter { $0 != "f" }
        guard let last = segments.last, !last.isEmpty, last.allSatisfy(\.isNumber) else { return nil }
        return last
    }

    /// The URL of a `Root Asana Task: <url>` line in a task's notes (the original's regex wanted
    /// `https://app.asana.com/<d>/<d>/<d>`; any http(s) URL is taken here, so a local stack's chain forms too).
    static func rootLink(inNotes notes: String?) -> String? {
        guard let notes else { return nil }
        let pattern = /Root Asana Task: (https?:\/\/[^\s]+)/
        return notes.firstMatch(of: pattern).map { String($0.output.1) }
    }
}
