import AsanaAPI
import Foundation
import Logging
import Routing
import ServiceSupport

extension RecordProcessor {
    func fields(team: Team, priority: Priority) -> [String: NewTask.FieldValue] {
        let ids = table.asana.fields
        var fields: [String: NewTask.FieldValue] = [
            ids.priority: .option(ids.option(for: priority)), ids.team: .option(team.teamOption),
            ids.reporter: .option(ids.reporterSentry), ids.taskType: .option(ids.taskTypeBug),
        ]
        if let estimate = ids.estimateValue { fields[ids.estimate] = .number(estimate) }
        return fields
    }

    /// `POST /tasks`. A 429 waits out `Retry-After` when it fits before the deadline (at most 3 times),
    /// else fails the record with the retry time; a 400 about custom fields retries once with no custom
    /// fields and says so in the notes.
    func create(
        context: AlertContext,
        notes: inout TaskNotes,
        projects: [String],
        team: Team,
        priority: Priority,
        deadline: Deadline,
        logger: Logger
    ) async throws(RecordFailure) -> AsanaTask {
        var customFields = fields(team: team, priority: priority)
        var rateLimitWaits = 0
        while true {
            let task = NewTask(
                name: String(context.title.prefix(1_024)),
                notes: notes.text,
                projects: projects,
                workspace: table.asana.workspace,
                customFields: customFields
            )
            do {
                return try await asana.createTask(task)
            } catch {
                if error.isCustomFieldProblem && !customFields.isEmpty {
                    logger.warning(
                        "Asana rejected the custom fields; creating the task without them",
                        metadata: ["step": "create", "error": "\(error)"]
                    )
                    notes.customFieldProblem = error.messages.joined(separator: "; ")
                    customFields = [:]
                    continue
                }
                if error.code == .rateLimited {
                    let wait = error.retryAfter ?? 60
                    let left = deadline.remaining(at: clock.now()) - configuration.safetyMargin
                    if rateLimitWaits < 3, Duration.milliseconds(Int64(wait * 1000)) < left {
                        rateLimitWaits += 1
                        logger.info(
                            "Asana rate limit; waiting",
                            metadata: ["step": "create", "retry_after": "\(wait)"]
                        )
                        try? await clock.sleep(for: .milliseconds(Int64(wait * 1000)))
                        continue
                    }
                    throw RecordFailure(.asana, "rate limited", retryAfterSeconds: Int(wait.rounded(.up)))
                }
                throw RecordFailure(.asana, error.description)
            }
        }
    }
}
