import Foundation
import Stubs

extension ScenarioExecution {
    /// nil when the expectation holds; otherwise what was expected and what was found.
    func evaluate(_ expectation: ScenarioExpectation) async -> String? {
        do {
            switch expectation.check {
            case .tasks(let tasks): return evaluate(tasks)
            case .calls(let calls):
                let count = server(calls.stub).journal.count(
                    matching: JournalFilter(method: calls.method, path: calls.path, status: calls.status)
                )
                return calls.count.holds(count)
                    ? nil : "expected \(calls.count) \(describe(calls)) calls, found \(count)"
            case .queue(let queue): return try await evaluate(queue)
            case .invocations(let invocations): return try await evaluate(invocations)
            case .alarm(let alarm):
                guard let found = try await admin().alarms().first(where: { $0.name == alarm.name }) else {
                    return "no alarm called \(alarm.name)"
                }
                return found.state == alarm.state
                    ? nil : "expected alarm \(alarm.name) in \(alarm.state), it is \(found.state) (\(found.reason))"
            case .logs(let logs):
                let count = try await admin().logLines(function: logs.function).filter { $0.contains(logs.contains) }
                    .count
                return logs.count.holds(count)
                    ? nil
                    : "expected \(logs.count) log lines of \(logs.function) containing '\(logs.contains)', found \(count)"
            case .responses(let wanted):
                let statuses = responses[wanted.label] ?? []
                let matching = statuses.filter { $0 == wanted.status }.count
                if let count = wanted.count {
                    return count.holds(matching)
                        ? nil
                        : "expected \(count) answers HTTP \(wanted.status) to '\(wanted.label)', found \(matching) of \(statuses.count)"
                }
                return matching == statuses.count && !statuses.isEmpty
                    ? nil
                    : "expected every answer to '\(wanted.label)' to be HTTP \(wanted.status): \(statuses.map { $0.map(String.init) ?? "none" })"
            case .idle:
                let admin = await admin()
                let busy = Set(
                    try await admin.invocations(function: nil).filter { $0.outcome == "running" }.map(\.requestId)
                )
                .sorted()
                var inFlight: [String] = []
                for name in try await admin.queueNames() {
                    if try await admin.queue(name).inFlight > 0 { inFlight.append(name) }
                }
                if busy.isEmpty && inFlight.isEmpty { return nil }
                return "expected nothing running; invocations under way: \(busy), messages in flight in: \(inFlight)"
            }
        } catch {
            return "could not look: \(error)"
        }
    }

    // MARK: Tasks

    func evaluate(_ tasks: ScenarioExpectation.Tasks) -> String? {
        let state = handle.stubs.asana.snapshot
        let all = state.tasks.values.map { TaskView(task: $0, state: state) }
        let matching = all.filter { $0.matches(tasks.filter) }
        var problems: [String] = []
        if let count = tasks.count, !count.holds(matching.count) {
            let shown = tasks.filter.isEmpty ? "" : " matching \(describe(tasks.filter))"
            var text = "expected \(count) tasks\(shown), found \(matching.count) (of \(all.count))"
            if !tasks.filter.isEmpty {
                let others = all.filter { !$0.matches(tasks.filter) }.prefix(3).map(\.summary)
                if !others.isEmpty { text += "; not matching e.g. \(others.joined(separator: " / "))" }
            }
            problems.append(text)
        }
        if tasks.noDuplicates {
            let keys = Dictionary(grouping: matching.compactMap(\.deliveryKey)) { $0 }.filter { $0.value.count > 1 }
            if !keys.isEmpty {
                problems.append(
                    "duplicates: \(keys.map { "\($0.value.count) tasks for \($0.key)" }.sorted().joined(separator: ", "))"
                )
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// A task of the Asana stub as an expectation sees it: option names instead of gids.
    struct TaskView {
        var name: String
        var notes: String
        var team: String?
        var priority: String?
        var projects: [String]
        var hasCustomFields: Bool

        init(task: Asana.Task, state: AsanaState) {
            name = task.name
            notes = task.notes
            projects = task.projects.compactMap { state.projects[$0]?.name }
            hasCustomFields = !task.customFieldValues.isEmpty
            for value in task.customFieldValues.values {
                guard let field = state.customFields[value.field] else { continue }
                let option = field.enumOptions.first { $0.gid == value.enumOption }?.name
                if field.name == "Team" { team = option }
                if field.name == "Priority" { priority = option }
            }
        }

        /// The consumer's delivery marker (`sentry-asana delivery: event <id>`): one per Sentry event.
        var deliveryKey: String? {
            guard let range = notes.range(of: "sentry-asana delivery: ") else { return nil }
            return String(notes[range.upperBound...].prefix { $0 != "\n" && $0 != "<" })
        }

        func matches(_ filter: ScenarioExpectation.TaskFilter) -> Bool {
            if let team = filter.team, self.team != team { return false }
            if let priority = filter.priority, self.priority != priority { return false }
            if let projects = filter.projects, Set(projects) != Set(self.projects) { return false }
            if let text = filter.notesContain, !notes.contains(text) { return false }
            if let text = filter.nameContains, !name.contains(text) { return false }
            if let without = filter.withoutCustomFields, without == hasCustomFields { return false }
            return true
        }

        var summary: String {
            "'\(name.prefix(40))' team \(team ?? "-"), \(priority ?? "-"), [\(projects.joined(separator: ", "))]"
        }
    }

    // MARK: Queues

    func evaluate(_ queue: ScenarioExpectation.Queue) async throws -> String? {
        let state = try await admin().queueState(queue.name)
        var problems: [String] = []
        // With `attributes`, `messages` counts the messages that carry them; without `messages`, every one must.
        func carries(_ message: QueueMessage) -> Bool {
            queue.attributes.allSatisfy { name, text in
                guard let value = message.stringAttributes[name] else { return false }
                return text.isEmpty || value.contains(text)
            }
        }
        let counted = state.messages.filter(carries)
        let carrying = queue.attributes.isEmpty ? "" : " carrying \(describeAttributes(queue.attributes))"
        if let rule = queue.messages, !rule.holds(counted.count) {
            problems.append(
                "expected \(rule) messages\(carrying) in \(queue.name), found \(counted.count) (\(state.visible) visible, \(state.inFlight) in flight, \(state.delayed) delayed)"
            )
        }
        if !queue.attributes.isEmpty, queue.messages == nil,
            counted.count != state.messages.count || state.messages.isEmpty
        {
            problems.append(
                "expected every message in \(queue.name) to carry \(describeAttributes(queue.attributes)), found \(state.messages.map(\.stringAttributes))"
            )
        }
        if let rule = queue.visible, !rule.holds(state.visible) {
            problems.append("expected \(rule) visible messages in \(queue.name), found \(state.visible)")
        }
        if let rule = queue.inFlight, !rule.holds(state.inFlight) {
            problems.append("expected \(rule) messages in flight in \(queue.name), found \(state.inFlight)")
        }
        if let label = queue.messageIDs {
            let wanted = labels[label] ?? []
            let present = Set(state.messages.map(\.messageId))
            let missing = wanted.filter { !present.contains($0) }
            if wanted.isEmpty {
                problems.append("'\(label)' holds no message id (did the send fail?)")
            } else if !missing.isEmpty {
                problems.append(
                    "expected the message ids of '\(label)' in \(queue.name); missing \(missing.joined(separator: ", ")); present: \(present.sorted().joined(separator: ", "))"
                )
            }
        }
        if let rule = queue.receiveCount {
            let wrong = state.messages.filter { !rule.holds($0.receiveCount) }
            if !wrong.isEmpty || state.messages.isEmpty {
                problems.append(
                    "expected receive count \(rule) for every message in \(queue.name), found \(state.messages.map(\.receiveCount))"
                )
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    // MARK: Invocations

    func evaluate(_ wanted: ScenarioExpectation.Invocations) async throws -> String? {
        var invocations = try await admin().invocations(function: wanted.function)
        var scope = ""
        if let label = wanted.withMessage {
            let ids = Set(labels[label] ?? [])
            invocations = invocations.filter { !ids.isDisjoint(with: $0.messageIds) }
            scope = " with a message of '\(label)'"
        }
        if let outcome = wanted.outcome {
            invocations = invocations.filter { $0.outcome == outcome }
            scope += " ending in \(outcome)"
        }
        var problems: [String] = []
        if let rule = wanted.count, !rule.holds(invocations.count) {
            problems.append("expected \(rule) invocations of \(wanted.function)\(scope), found \(invocations.count)")
        }
        if let rule = wanted.errors {
            let failed = invocations.filter { ["error", "timeout", "crash"].contains($0.outcome) }
            if !rule.holds(failed.count) {
                let shown = failed.prefix(3).map {
                    "\($0.outcome) \($0.errorType ?? ""): \(($0.errorMessage ?? "").prefix(120))"
                }
                problems.append(
                    "expected \(rule) failed invocations of \(wanted.function)\(scope), found \(failed.count) (\(shown.joined(separator: "; ")))"
                )
            }
        }
        if let rule = wanted.batchSize {
            let sizes = invocations.map(\.messageIds.count)
            if sizes.contains(where: { !rule.holds($0) }) {
                problems.append(
                    "expected every batch of \(wanted.function)\(scope) to hold \(rule) messages, found sizes \(sizes)"
                )
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    // MARK: Descriptions (for progress lines)

    func describe(_ expectation: ScenarioExpectation) -> String {
        switch expectation.check {
        case .tasks(let tasks):
            var parts: [String] = []
            if let count = tasks.count { parts.append("\(count) tasks") }
            if !tasks.filter.isEmpty { parts.append("matching \(describe(tasks.filter))") }
            if tasks.noDuplicates { parts.append("no duplicates") }
            return parts.joined(separator: " ")
        case .calls(let calls): return "\(calls.count) \(describe(calls)) calls"
        case .queue(let queue):
            var parts = ["queue \(queue.name):"]
            if let rule = queue.messages { parts.append("\(rule) messages") }
            if let rule = queue.visible { parts.append("\(rule) visible") }
            if let rule = queue.inFlight { parts.append("\(rule) in flight") }
            if let label = queue.messageIDs { parts.append("ids of '\(label)'") }
            if let rule = queue.receiveCount { parts.append("receive count \(rule)") }
            if !queue.attributes.isEmpty { parts.append("carrying \(describeAttributes(queue.attributes))") }
            return parts.joined(separator: " ")
        case .invocations(let invocations):
            var parts = ["\(invocations.function):"]
            if let rule = invocations.count { parts.append("\(rule) invocations") }
            if let label = invocations.withMessage { parts.append("with '\(label)'") }
            if let outcome = invocations.outcome { parts.append("ending in \(outcome)") }
            if let rule = invocations.errors { parts.append("\(rule) errors") }
            if let rule = invocations.batchSize { parts.append("batches of \(rule)") }
            return parts.joined(separator: " ")
        case .alarm(let alarm): return "alarm \(alarm.name) is \(alarm.state)"
        case .logs(let logs): return "\(logs.count) log lines of \(logs.function) with '\(logs.contains)'"
        case .responses(let responses): return "answers to '\(responses.label)' are HTTP \(responses.status)"
        case .idle: return "nothing running"
        }
    }

    func describeAttributes(_ attributes: [String: String]) -> String {
        attributes.sorted { $0.key < $1.key }.map { $0.value.isEmpty ? $0.key : "\($0.key) ∋ '\($0.value)'" }
            .joined(separator: ", ")
    }

    func describe(_ calls: ScenarioExpectation.Calls) -> String {
        [calls.stub.rawValue, calls.method, calls.path, calls.status.map { "→ \($0)" }].compactMap { $0 }.joined(
            separator: " "
        )
    }

    func describe(_ filter: ScenarioExpectation.TaskFilter) -> String {
        var parts: [String] = []
        if let team = filter.team { parts.append("team \(team)") }
        if let priority = filter.priority { parts.append(priority) }
        if let projects = filter.projects { parts.append("in [\(projects.joined(separator: ", "))]") }
        if let text = filter.notesContain { parts.append("notes ∋ '\(text)'") }
        if let text = filter.nameContains { parts.append("name ∋ '\(text)'") }
        if let without = filter.withoutCustomFields {
            parts.append(without ? "without custom fields" : "with custom fields")
        }
        return parts.joined(separator: ", ")
    }
}
