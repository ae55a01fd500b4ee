/// Something that must hold about the stack at one moment; used by `expect` steps and as the condition of
/// `advance_until` / `wait_until`. `field` says where it is in the file.
package struct ScenarioExpectation: Sendable {
    package var field: String
    package var check: Check

    /// Which Asana tasks a `tasks` expectation counts: each given property must match.
    package struct TaskFilter: Sendable, Equatable {
        /// The Team custom field's option name (`Productivity`).
        package var team: String?
        /// The Priority option name (`HIGH`, `MEDIUM`).
        package var priority: String?
        /// Project names; the task must be in all of them (and in no other when `exactProjects`).
        package var projects: [String]?
        package var notesContain: String?
        package var nameContains: String?
        /// Tasks created without custom fields (the custom-field 400 fallback).
        package var withoutCustomFields: Bool?

        package var isEmpty: Bool { self == TaskFilter() }
    }

    package struct Tasks: Sendable {
        package var count: CountRule?
        package var filter = TaskFilter()
        /// No two tasks carry the same Sentry event id (the consumer's delivery marker).
        package var noDuplicates = false
    }

    package struct Calls: Sendable {
        package var stub: ScenarioStep.Stub
        package var method: String?
        package var path: String?
        package var status: Int?
        package var count: CountRule
    }

    package struct Queue: Sendable {
        package var name: String
        /// Every message, visible, in flight or delayed.
        package var messages: CountRule?
        package var visible: CountRule?
        package var inFlight: CountRule?
        /// The messages named by a `send`/`queue_send`/`replay` label must be in the queue, with these ids.
        package var messageIDs: String?
        /// Every message's receive count.
        package var receiveCount: CountRule?
        /// Every message has these attributes; the value is a text the attribute must contain.
        package var attributes: [String: String] = [:]
    }

    package struct Invocations: Sendable {
        package var function: String
        package var count: CountRule?
        /// Invocations that ended in a function error, a timeout or a crash (Lambda's `Errors`).
        package var errors: CountRule?
        /// Only the invocations whose batch held a message of this label.
        package var withMessage: String?
        package var outcome: String?
        /// Must hold for the size of every invocation's batch (SQS invocations).
        package var batchSize: CountRule?
    }

    package struct Alarm: Sendable {
        package var name: String
        package var state: String
    }

    package struct Logs: Sendable {
        package var function: String
        package var contains: String
        package var count: CountRule
    }

    package struct Responses: Sendable {
        package var label: String
        package var status: Int
        package var count: CountRule?
    }

    package enum Check: Sendable {
        case tasks(Tasks)
        case calls(Calls)
        case queue(Queue)
        case invocations(Invocations)
        case alarm(Alarm)
        case logs(Logs)
        case responses(Responses)
        /// Nothing is running: no invocation under way, no message in flight in any queue.
        case idle
    }
}
