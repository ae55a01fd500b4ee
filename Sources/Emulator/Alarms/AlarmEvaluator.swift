import Foundation
import Topology

/// Evaluates the stack's CloudWatch-style alarms against the emulator's own numbers, with no I/O: the caller
/// passes the instant and two look-ups.
///
/// - `AWS/Lambda` `Errors` (dimension `FunctionName`): the function's failures (function errors, timeouts,
///   crashes) whose time falls in the last `period` seconds, `(now - period, now]` — a sliding window rather
///   than CloudWatch's minute-aligned one. `Sum` is their count, `Maximum` is 1 when there was any. A function
///   with no failures has the datapoint 0 (production's alarms treat missing data as not breaching).
/// - `AWS/SQS` `ApproximateNumberOfMessagesVisible` (dimension `QueueName`): the queue's current visible count,
///   one sample, so `Maximum`, `Minimum`, `Average` and `Sum` are all that count.
///
/// Anything else (another metric or statistic, a missing dimension, an unknown function or queue, a period
/// <= 0) is `INSUFFICIENT_DATA` with a reason saying why.
package enum AlarmEvaluator {
    /// Evaluates every alarm, in order.
    /// - Parameters:
    ///   - functionFailures: the failure end times of the function named; `nil` when there is no such function.
    ///   - queueVisible: the visible message count of the queue named; `nil` when there is no such queue.
    package static func evaluate(
        _ alarms: [AlarmDefinition],
        now: Date,
        functionFailures: (String) -> [Date]?,
        queueVisible: (String) -> Int?
    ) -> [AlarmEvaluation] {
        alarms.map { evaluate($0, now: now, functionFailures: functionFailures, queueVisible: queueVisible) }
    }

    package static func evaluate(
        _ alarm: AlarmDefinition,
        now: Date,
        functionFailures: (String) -> [Date]?,
        queueVisible: (String) -> Int?
    ) -> AlarmEvaluation {
        func insufficient(_ why: String) -> AlarmEvaluation {
            AlarmEvaluation(name: alarm.name, state: .insufficientData, reason: "Insufficient Data: \(why)", value: nil)
        }
        guard alarm.period > 0 else { return insufficient("the period must be > 0 seconds, not \(alarm.period).") }
        let value: Double
        switch (alarm.namespace, alarm.metric) {
        case ("AWS/Lambda", "Errors"):
            guard let function = alarm.dimensions["FunctionName"] else {
                return insufficient("the alarm has no FunctionName dimension.")
            }
            guard let failures = functionFailures(function) else {
                return insufficient("no function called \(function) is running in the emulator.")
            }
            let windowStart = now.addingTimeInterval(-Double(alarm.period))
            let count = failures.filter { $0 > windowStart && $0 <= now }.count
            switch alarm.statistic {
            case "Sum": value = Double(count)
            case "Maximum": value = count > 0 ? 1 : 0
            default:
                return insufficient(
                    "the statistic \(alarm.statistic) of AWS/Lambda Errors is not evaluated locally (Sum and Maximum are)."
                )
            }
        case ("AWS/SQS", "ApproximateNumberOfMessagesVisible"):
            guard let queue = alarm.dimensions["QueueName"] else {
                return insufficient("the alarm has no QueueName dimension.")
            }
            guard let visible = queueVisible(queue) else {
                return insufficient("no queue called \(queue) exists in the emulator.")
            }
            guard ["Maximum", "Minimum", "Average", "Sum"].contains(alarm.statistic) else {
                return insufficient(
                    "the statistic \(alarm.statistic) of AWS/SQS ApproximateNumberOfMessagesVisible is not evaluated locally (Maximum, Minimum, Average and Sum are)."
                )
            }
            value = Double(visible)
        default:
            return insufficient(
                "the metric \(alarm.namespace) \(alarm.metric) is not evaluated locally (AWS/Lambda Errors and AWS/SQS ApproximateNumberOfMessagesVisible are)."
            )
        }
        let breached = alarm.comparison.breaches(value, threshold: alarm.threshold)
        let reason =
            "Threshold Crossed: 1 datapoint [\(format(value))] was \(breached ? "" : "not ")"
            + "\(phrase(alarm.comparison)) the threshold (\(format(alarm.threshold)))."
        return AlarmEvaluation(name: alarm.name, state: breached ? .alarm : .ok, reason: reason, value: value)
    }

    /// The words CloudWatch uses for each comparison operator.
    package static func phrase(_ comparison: AlarmDefinition.Comparison) -> String {
        switch comparison {
        case .greaterThanOrEqualToThreshold: "greater than or equal to"
        case .greaterThanThreshold: "greater than"
        case .lessThanThreshold: "less than"
        case .lessThanOrEqualToThreshold: "less than or equal to"
        }
    }

    /// Numbers as CloudWatch prints them in reasons: `2.0`, `0.5`.
    package static func format(_ value: Double) -> String {
        "\(value)"
    }
}
