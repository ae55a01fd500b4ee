import AsanaAPI
import Foundation
import Logging
import SentryAPI
import ServiceSupport

extension RecordProcessor {
    /// Looks for a task that already carries this delivery's marker: first the tasks linked to the Sentry issue
    /// (newest three), then the target project's tasks modified within the duplicate window (which also
    /// finds a task whose link-back failed).
    func findExisting(
        context: AlertContext,
        history: IssueHistory,
        project: String?,
        logger: Logger
    ) async throws(RecordFailure) -> AsanaTask? {
        let marker = context.marker
        for gid in history.linkedTaskGIDs.prefix(3) {
            do {
                let task = try await asana.task(gid: gid)
                if task.notes?.contains(marker) == true { return task }
            } catch {
                if error.code == .notFound || error.code == .forbidden { continue }
                throw RecordFailure(
                    .asana,
                    "task \(gid): \(error)",
                    retryAfterSeconds: error.retryAfter.map { Int($0.rounded(.up)) }
                )
            }
        }
        guard let project else { return nil }
        let since = clock.now().addingTimeInterval(-configuration.duplicateWindow.seconds)
        do {
            return try await asana.recentTasks(project: project, since: since).first {
                $0.notes?.contains(marker) == true
            }
        } catch {
            throw RecordFailure(
                .asana,
                "recent tasks of \(project): \(error)",
                retryAfterSeconds: error.retryAfter.map { Int($0.rounded(.up)) }
            )
        }
    }

    /// Links the task to the Sentry issue unless a link to it exists. A transient failure fails the record
    /// (the redelivery finds the task and only links); a permanent one is logged.
    func ensureLinked(
        _ task: AsanaTask,
        context: AlertContext,
        history: IssueHistory,
        logger: Logger
    ) async throws(RecordFailure) {
        guard let issueID = context.issueID else { return }
        if history.links.contains(where: { IssueHistory.taskGID(from: $0.webURL) == task.gid }) { return }
        let link = ExternalIssueLink(issueID: issueID, webURL: task.url, project: "Asana", identifier: task.gid)
        do {
            _ = try await sentry.link(link, installationUUID: configuration.sentryInstallationUUID)
            logger.info("linked the task to the Sentry issue", metadata: ["step": "link", "task_gid": "\(task.gid)"])
        } catch {
            if error.isTransient {
                throw RecordFailure(
                    .link,
                    error.description,
                    retryAfterSeconds: error.retryAfter.map { Int($0.rounded(.up)) }
                )
            }
            logger.warning("Sentry refused the link-back", metadata: ["step": "link", "error": "\(error)"])
            return
        }
        await comment(on: task, logger: logger)
    }

    static let linkComment = "Linked by the Sentry-Asana automation"

    /// The story the original's link produced on the task (Sentry's legacy plugin posted it; the Sentry-app
    /// external-issue API does not, so we post it). Best effort: the task and the link are what matter, and a
    /// redelivery would not repeat it (the task is already linked).
    func comment(on task: AsanaTask, logger: Logger) async {
        do {
            try await asana.addComment(taskGID: task.gid, text: Self.linkComment)
        } catch {
            logger.warning("could not comment on the task", metadata: ["step": "link", "error": "\(error)"])
        }
    }
}
