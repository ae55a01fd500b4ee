import Foundation
import Topology

extension AlarmEvaluator {
    /// The outcomes Lambda's `Errors` metric counts: a function error (handled or not), a timeout, a crash.
    /// `batchItemFailures` are not errors, so a successful invocation that reported some is not counted.
    package static let failedOutcomes: Set<String> = ["error", "timeout", "crash"]

    /// The failure times of every function, from invocation records shaped like the entries of
    /// `GET /_devstack/lambda/invocations` (`function`, `outcome`, `endedAt` in milliseconds since the epoch).
    /// Running invocations (`endedAt` null) and records without a function are skipped.
    package static func failureTimes(fromInvocations records: [[String: Any]]) -> [String: [Date]] {
        var times: [String: [Date]] = [:]
        for record in records {
            guard let function = record["function"] as? String, let outcome = record["outcome"] as? String,
                failedOutcomes.contains(outcome), let ended = (record["endedAt"] as? NSNumber)?.doubleValue
            else { continue }
            times[function, default: []].append(Date(timeIntervalSince1970: ended / 1000))
        }
        return times
    }

    /// Evaluates `alarms` from the control API's own JSON views, so `GET /_devstack/alarms` is one call:
    /// `functions` are the names of the functions the emulator hosts, `invocations` are records shaped like
    /// `GET /_devstack/lambda/invocations` entries, `queues` like `GET /_devstack/sqs/queues` entries
    /// (`name`, `visible`).
    package static func evaluate(
        _ alarms: [AlarmDefinition], now: Date, functions: Set<String>, invocations: [[String: Any]],
        queues: [[String: Any]]
    ) -> [AlarmEvaluation] {
        let failures = failureTimes(fromInvocations: invocations)
        var visible: [String: Int] = [:]
        for queue in queues {
            guard let name = queue["name"] as? String else { continue }
            visible[name] = (queue["visible"] as? NSNumber)?.intValue ?? 0
        }
        return evaluate(
            alarms, now: now, functionFailures: { functions.contains($0) ? failures[$0] ?? [] : nil },
            queueVisible: { visible[$0] })
    }
}
