import Foundation

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
}
