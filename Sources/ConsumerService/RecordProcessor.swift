import AsanaAPI
import Foundation
import Logging
import Routing
import SentryAPI
import ServiceSupport

/// One record from body to linked task. Returns how it ended; throws `RecordFailure` when SQS should
/// redeliver it.
struct RecordProcessor: Sendable {
    var configuration: ConsumerConfiguration
    var table: RoutingTable
    var sentry: any SentryAPIClient
    var asana: any AsanaAPIClient
    var deadLetters: any DeadLetterSink
    var clock: any ServiceClock
    var serializer = KeyedSerializer()

    func process(
        _ record: ConsumerRecord,
        deadline: Deadline,
        logger baseLogger: Logger
    ) async throws(RecordFailure) -> RecordOutcome {
        var logger = baseLogger
        logger[metadataKey: "message_id"] = "\(record.messageID)"

        // Parse: what can never succeed goes to the DLQ now.
        let envelope: EventAlertEnvelope
        switch parse(record) {
        case .success(let parsed): envelope = parsed
        case .failure(let reason):
            do {
                try await deadLetters.deadLetter(record, reason: reason)
            } catch {
                throw RecordFailure(.deadLetter, "could not dead-letter a poison record: \(error)")
            }
            logger.warning("sent a poison record to the DLQ", metadata: ["step": "parse", "reason": "\(reason)"])
            return .deadLettered(reason: reason)
        }
        let context = AlertContext(
            envelope: envelope,
            messageID: record.messageID,
            sentryOrganization: configuration.sentryOrganization
        )
        logger[metadataKey: "issue_id"] = "\(context.issueID ?? "none")"
        logger[metadataKey: "event_id"] = "\(context.eventID ?? "none")"

        // One delivery key at a time in this process, from the duplicate check to the link.
        await serializer.acquire(context.deliveryKey)
        do {
            let outcome = try await handle(context, deadline: deadline, logger: logger)
            await serializer.release(context.deliveryKey)
            return outcome
        } catch {
            await serializer.release(context.deliveryKey)
            throw error
        }
    }

    func handle(
        _ context: AlertContext,
        deadline: Deadline,
        logger: Logger
    ) async throws(RecordFailure) -> RecordOutcome {
        // Look up the issue's history in Sentry: the recurrence chain.
        let history = try await lookUpHistory(issueID: context.issueID, logger: logger)

        // Route: the team, the priority and the Asana projects.
        let decision = TeamRouter(table: table).route(tags: context.tags)
        let priority = Priority(sentryLevel: context.level)
        logger.debug(
            "routed",
            metadata: ["step": "route", "team": "\(decision.team.key)", "priority": "\(priority.rawValue)"]
        )
        let planner = ProjectPlanner(settings: table.asana)
        let plan = planner.plan(
            team: decision.team,
            environment: context.environment,
            level: context.level,
            developmentMode: configuration.development
        )
        let projects = try await resolve(plan, logger: logger)

        // Deduplicate: a task carrying this delivery's marker may already exist.
        if let existing = try await findExisting(
            context: context,
            history: history,
            project: projects.first,
            logger: logger
        ) {
            try await ensureLinked(existing, context: context, history: history, logger: logger)
            logger.info(
                "found the task of an earlier delivery; not creating another",
                metadata: ["step": "dedupe", "task_gid": "\(existing.gid)"]
            )
            return .duplicate(taskGID: existing.gid)
        }

        // Create the task, then link it back to the Sentry issue.
        var notes = TaskNotes(
            context: context,
            history: history,
            sentryBaseURL: configuration.sentryBaseURL,
            sentryOrganization: configuration.sentryOrganization,
            teamName: decision.team.name,
            routingRule: decision.rule?.summary,
            runbookURL: configuration.runbookURL,
            switchRoleName: configuration.switchRoleName,
            selfHostedAccounts: configuration.selfHostedAccounts
        )
        let task = try await create(
            context: context,
            notes: &notes,
            projects: projects,
            team: decision.team,
            priority: priority,
            deadline: deadline,
            logger: logger
        )
        logger.info(
            "created a task",
            metadata: ["step": "create", "task_gid": "\(task.gid)", "team": "\(decision.team.key)"]
        )
        let kept = try await resolveConcurrentDuplicates(
            created: task,
            context: context,
            projects: projects,
            logger: logger
        )
        try await ensureLinked(kept, context: context, history: history, logger: logger)
        return kept.gid == task.gid ? .created(taskGID: task.gid) : .duplicate(taskGID: kept.gid)
    }

    enum Parsed {
        case success(EventAlertEnvelope)
        case failure(String)
    }

    func parse(_ record: ConsumerRecord) -> Parsed {
        if let resource = record.attributes["resource"], resource != "event_alert" {
            return .failure("resource \(resource) is not an event_alert")
        }
        let raw: [UInt8]
        do {
            raw = try record.rawBody()
        } catch {
            return .failure(error.description)
        }
        do {
            return .success(try EventAlertEnvelope.parse(Data(raw)))
        } catch {
            return .failure("\(error.code.rawValue): \(error.message)")
        }
    }

    /// A 404 (deleted or merged issue) means no chain and is noted in the task; 429, 5xx, timeouts fail the record.
    func lookUpHistory(issueID: String?, logger: Logger) async throws(RecordFailure) -> IssueHistory {
        guard let issueID else {
            return IssueHistory(issue: nil, links: [], unavailableReason: "the alert has no issue id")
        }
        let found: IssueHistory
        do {
            let issue = try await sentry.issue(id: issueID)
            let links = try await sentry.externalIssues(issueID: issueID)
            found = IssueHistory(issue: issue, links: links, unavailableReason: nil)
        } catch {
            if error.code == .organizationNotFound {
                logger.error(
                    "Sentry has no such organization: check SENTRY_ORG",
                    metadata: ["step": "sentry", "organization": "\(configuration.sentryOrganization)"]
                )
            }
            if error.isTransient {
                throw RecordFailure(
                    .sentry,
                    error.description,
                    retryAfterSeconds: error.retryAfter.map { Int($0.rounded(.up)) }
                )
            }
            logger.info("Sentry has no history for the issue", metadata: ["step": "sentry", "error": "\(error)"])
            let reason =
                error.code == .gone ? "the Sentry issue was deleted or merged" : "Sentry answered \(error.description)"
            return IssueHistory(issue: nil, links: [], unavailableReason: reason)
        }
        return try await withRoot(found, logger: logger)
    }

    /// Reads the `Root Asana Task:` line of the previous task's notes, as the original consumer does. A previous task
    /// that is gone or private (404/403) has no root to give: the chain restarts from it.
    func withRoot(_ history: IssueHistory, logger: Logger) async throws(RecordFailure) -> IssueHistory {
        guard let gid = history.previousTaskGID else { return history }
        var history = history
        do {
            history.rootFromNotes = IssueHistory.rootLink(inNotes: try await asana.task(gid: gid).notes)
        } catch {
            guard error.code == .notFound || error.code == .forbidden else {
                throw RecordFailure(
                    .asana,
                    "previous task \(gid): \(error)",
                    retryAfterSeconds: error.retryAfter.map { Int($0.rounded(.up)) }
                )
            }
            logger.warning(
                "the previous task is deleted or private; no root task",
                metadata: ["step": "sentry", "task_gid": "\(gid)"]
            )
        }
        return history
    }
}
