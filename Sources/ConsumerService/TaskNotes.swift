import Foundation
import SentryAPI

/// The task description: the original's lines, in its order and wording (each its own paragraph), then what
/// we add (the team and the rule that chose it, the recurrence counts, the duplicate marker).
struct TaskNotes: Sendable {
    var context: AlertContext
    var history: IssueHistory
    var sentryBaseURL: URL
    var sentryOrganization: String
    var teamName: String
    /// How the team was chosen, e.g. `server_name contains panther-log-processor`; nil for the default team.
    var routingRule: String?
    var runbookURL: String
    /// The role name; `{region}` is replaced by the event's `aws_region`.
    var switchRoleName: String
    var selfHostedAccounts: Set<String>
    /// Set when the task had to be created without custom fields.
    var customFieldProblem: String?

    /// The original's paragraphs, exactly.
    var originalLines: [String] {
        var lines: [String] = []
        if let previous = history.previousTaskURL { lines.append("Previous Asana Task: \(previous)") }
        if let root = history.rootTaskURL { lines.append("Root Asana Task: \(root)") }
        lines.append("Sentry Issue URL: \(issueURL)")
        lines.append("Event Datetime: \(context.eventTime.lowercased())")
        lines.append("Customer Impacted: \(context.customer)")
        lines.append("Environment: \((context.environment ?? AlertContext.unknown).lowercased())")
        lines.append("Runbook: \(runbookURL)")
        if let link = switchRoleLink { lines.append("AWS Switch Role Link: \(link)") }
        return lines
    }

    var text: String {
        var lines = originalLines
        lines.append("Team: \(teamName) (\(routingRule ?? "default team"))")
        if let issue = history.issue {
            var recurrence = "Recurrence: \(issue.count ?? AlertContext.unknown) events"
            if let firstSeen = issue.firstSeen { recurrence += " since \(firstSeen)" }
            if let shortID = issue.shortID { recurrence += " (\(shortID))" }
            lines.append(recurrence)
        }
        if let reason = history.unavailableReason { lines.append("Recurrence: unknown (\(reason))") }
        if let customFieldProblem {
            lines.append("Note: created without custom fields because Asana rejected them: \(customFieldProblem)")
        }
        lines.append(context.marker)
        return lines.joined(separator: "\n\n")
    }

    /// `<host>/organizations/<org>/issues/<id>`, the webhook's URL when the alert has no issue id.
    var issueURL: String {
        guard let issueID = context.issueID else { return context.issueURL }
        var host = sentryBaseURL.absoluteString
        while host.hasSuffix("/") { host.removeLast() }
        return "\(host)/organizations/\(sentryOrganization)/issues/\(issueID)"
    }

    /// None for a self-hosted customer's account; a missing region or account reads `Unknown`.
    var switchRoleLink: String? {
        let account = context.awsAccountID ?? AlertContext.unknown
        if selfHostedAccounts.contains(account) { return nil }
        let region = context.awsRegion ?? AlertContext.unknown
        let role = switchRoleName.replacingOccurrences(of: "{region}", with: region)
        return "https://\(region).signin.aws.amazon.com/switchrole?roleName=\(role)&account=\(account)"
            + "&displayName=\(Self.quote(context.customer))%20Support"
    }

    /// Python's `urllib.parse.quote` (safe `/`): what the original used for the display name.
    static func quote(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "_.-~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
