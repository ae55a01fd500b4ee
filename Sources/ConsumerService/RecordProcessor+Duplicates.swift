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

    /// How far back the look-up after a creation reaches: two instances racing on one delivery create within
    /// the same few seconds; ten minutes is ample and keeps the listing short.
    static let raceWindow: TimeInterval = 600

    /// Two instances may handle the same delivery at once (an SQS duplicate; a redelivery while the first run is
    /// still going): both find nothing and both create. So after creating, look again in every target project
    /// for tasks with this delivery's marker touched in the last ten minutes (`modified_since`, only the fields
    /// needed). The earliest task (by `created_at`, then gid) stays; a later one deletes itself and the record
    /// goes on with the earliest. Whichever instance looks last sees both tasks, so exactly one remains.
    func resolveConcurrentDuplicates(
        created: AsanaTask,
        context: AlertContext,
        projects: [String],
        logger: Logger
    ) async throws(RecordFailure) -> AsanaTask {
        let since = clock.now().addingTimeInterval(-Self.raceWindow)
        var candidates = [created]
        for project in projects {
            do {
                candidates += try await asana.recentTasks(project: project, since: since).filter {
                    $0.gid != created.gid && $0.notes?.contains(context.marker) == true
                }
            } catch {
                // The task exists; a failed look-up only means a possible duplicate stays (as before this step).
                logger.warning(
                    "could not look for a concurrent duplicate",
                    metadata: ["step": "dedupe", "project": "\(project)", "error": "\(error)"]
                )
            }
        }
        guard let earliest = candidates.min(by: Self.createdEarlier), earliest.gid != created.gid else {
            return created
        }
        do {
            try await asana.deleteTask(gid: created.gid)
            logger.info(
                "another instance created this delivery's task first; deleted ours",
                metadata: ["step": "dedupe", "task_gid": "\(created.gid)", "kept": "\(earliest.gid)"]
            )
        } catch {
            logger.warning(
                "could not delete a concurrent duplicate",
                metadata: ["step": "dedupe", "task_gid": "\(created.gid)", "error": "\(error)"]
            )
            return created
        }
        return earliest
    }

    /// Creation order: `created_at` (ISO 8601 in one format, so it sorts as text), then the gid as a number.
    static func createdEarlier(_ left: AsanaTask, _ right: AsanaTask) -> Bool {
        let (a, b) = (left.createdAt ?? "", right.createdAt ?? "")
        if a != b { return a < b }
        return (left.gid.count, left.gid) < (right.gid.count, right.gid)
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
