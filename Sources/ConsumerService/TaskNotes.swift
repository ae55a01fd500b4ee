import Foundation
import SentryAPI

/// The task description, with the original's fields in the original's order, plus the duplicate marker.
struct TaskNotes: Sendable {
    var context: AlertContext
    var history: IssueHistory
    var teamName: String
    var runbookURL: String
    var switchRoleName: String
    var selfHostedAccounts: Set<String>
    /// Set when the task had to be created without custom fields.
    var customFieldProblem: String?

    var text: String {
        var lines: [String] = []
        if let root = history.rootTaskURL { lines.append("Root Asana task: \(root)") }
        if let previous = history.previousTaskURL { lines.append("Previous Asana task: \(previous)") }
        if !lines.isEmpty { lines.append("") }
        lines.append("Sentry issue: \(history.issue?.permalink ?? context.issueURL)")
        if let permalink = history.issue?.permalink, permalink != context.issueURL,
            context.issueURL != AlertContext.unknown
        {
            lines.append("Sentry event: \(context.issueURL)")
        }
        lines.append("Event time: \(context.eventTime)")
        lines.append("Customer: \(context.customer)")
        lines.append("Environment: \(context.environment ?? AlertContext.unknown)")
        lines.append("Server: \(context.serverName)")
        lines.append("Team: \(teamName)")
        lines.append("Runbook: \(runbookURL)")
        lines.append("AWS switch role: \(switchRoleLine)")
        if let issue = history.issue {
            var recurrence = "Recurrence: \(issue.count ?? AlertContext.unknown) events"
            if let firstSeen = issue.firstSeen { recurrence += " since \(firstSeen)" }
            if let shortID = issue.shortID { recurrence += " (\(shortID))" }
            lines.append(recurrence)
        }
        if let reason = history.unavailableReason { lines.append("Recurrence: unknown (\(reason))") }
        if let customFieldProblem {
            lines.append("")
            lines.append("Note: created without custom fields because Asana rejected them: \(customFieldProblem)")
        }
        lines.append("")
        lines.append(context.marker)
        return lines.joined(separator: "\n")
    }

    var switchRoleLine: String {
        guard let account = context.awsAccountID else { return AlertContext.unknown }
        if selfHostedAccounts.contains(account) { return "none (self-hosted customer account \(account))" }
        var components = URLComponents(string: "https://signin.aws.amazon.com/switchrole")!
        var display = context.customer == AlertContext.unknown ? account : context.customer
        if let region = context.awsRegion { display += " \(region)" }
        components.queryItems = [
            URLQueryItem(name: "roleName", value: switchRoleName), URLQueryItem(name: "account", value: account),
            URLQueryItem(name: "displayName", value: display),
        ]
        return components.string ?? AlertContext.unknown
    }
}
