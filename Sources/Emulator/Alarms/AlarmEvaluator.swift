import Foundation
import Topology

/// Evaluates the stack's CloudWatch-style alarms against the emulator's own numbers, with no I/O: the caller
/// passes the instant and two look-ups.
///
/// An alarm looks at its last `evaluationPeriods` periods, newest first: period k is `(now - (k+1)·period,
/// now - k·period]` — sliding windows rather than CloudWatch's minute-aligned ones. It is in ALARM when at least
/// `datapointsToAlarm` of them breach; missing datapoints count as `treatMissingData` says (`missing` and
/// `ignore` leave them out, and with no datapoint left the alarm has insufficient data).
///
/// - `AWS/Lambda` `Errors` (dimension `FunctionName`): a period in which the function ended no invocation has no
///   datapoint, as in CloudWatch (Lambda publishes nothing for an idle function). Otherwise `Sum` is the number
///   of failures (function errors, timeouts, crashes) that ended in it, `Maximum` is 1 when there was any.
/// - `AWS/SQS` `ApproximateNumberOfMessagesVisible` (dimension `QueueName`): the queue's current visible count is
///   the newest period's datapoint, one sample, so `Maximum`, `Minimum`, `Average` and `Sum` are all that count;
///   older periods have none (the emulator keeps no history of depths).
///
/// - Any other namespace: the datapoints functions published in CloudWatch's embedded metric format
///   (`EmbeddedMetricDatapoint`) whose dimension set is exactly the alarm's; a period without one has none.
///   `Sum`, `Maximum`, `Minimum`, `Average` and `SampleCount` over the period's values.
///
/// Anything else (another AWS metric or statistic, a missing dimension, an unknown function or queue, a period
/// <= 0) is `INSUFFICIENT_DATA` with a reason saying why.
package enum AlarmEvaluator {
    /// Evaluates every alarm, in order.
    /// - Parameters:
    ///   - invocationEnds: how the invocations of the function named ended; `nil` when there is no such function.
    ///   - queueVisible: the visible message count of the queue named; `nil` when there is no such queue.
    package static func evaluate(
        _ alarms: [AlarmDefinition],
        now: Date,
        invocationEnds: (String) -> [LambdaInvocationEnd]?,
        queueVisible: (String) -> Int?,
        embeddedMetrics: () -> [EmbeddedMetricDatapoint] = { [] }
    ) -> [AlarmEvaluation] {
        let published = alarms.contains { !$0.namespace.hasPrefix("AWS/") } ? embeddedMetrics() : []
        return alarms.map {
            evaluate($0, now: now, invocationEnds: invocationEnds, queueVisible: queueVisible, published: published)
        }
    }

    package static func evaluate(
        _ alarm: AlarmDefinition,
        now: Date,
        invocationEnds: (String) -> [LambdaInvocationEnd]?,
        queueVisible: (String) -> Int?,
        published: [EmbeddedMetricDatapoint] = []
    ) -> AlarmEvaluation {
        func insufficient(_ why: String) -> AlarmEvaluation {
            AlarmEvaluation(name: alarm.name, state: .insufficientData, reason: "Insufficient Data: \(why)", value: nil)
        }
        guard alarm.period > 0 else { return insufficient("the period must be > 0 seconds, not \(alarm.period).") }
        let periods = max(1, alarm.evaluationPeriods)
        /// The datapoints, newest period first; nil where the period has none.
        var datapoints: [Double?]
        switch (alarm.namespace, alarm.metric) {
        case ("AWS/Lambda", "Errors"):
            guard let function = alarm.dimensions["FunctionName"] else {
                return insufficient("the alarm has no FunctionName dimension.")
            }
            guard let ends = invocationEnds(function) else {
                return insufficient("no function called \(function) is running in the emulator.")
            }
            guard alarm.statistic == "Sum" || alarm.statistic == "Maximum" else {
                return insufficient(
                    "the statistic \(alarm.statistic) of AWS/Lambda Errors is not evaluated locally (Sum and Maximum are)."
                )
            }
            datapoints = (0..<periods).map { index in
                let end = now.addingTimeInterval(-Double(index * alarm.period))
                let start = end.addingTimeInterval(-Double(alarm.period))
                let inPeriod = ends.filter { $0.at > start && $0.at <= end }
                guard !inPeriod.isEmpty else { return nil }
                let failures = inPeriod.filter(\.failed).count
                return alarm.statistic == "Sum" ? Double(failures) : (failures > 0 ? 1 : 0)
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
            datapoints = [Double(visible)] + Array(repeating: nil, count: periods - 1)
        case (let namespace, _) where !namespace.hasPrefix("AWS/"):
            let statistics: [String: ([Double]) -> Double] = [
                "Sum": { $0.reduce(0, +) }, "Maximum": { $0.max() ?? 0 }, "Minimum": { $0.min() ?? 0 },
                "Average": { $0.reduce(0, +) / Double(max(1, $0.count)) }, "SampleCount": { Double($0.count) },
            ]
            guard let statistic = statistics[alarm.statistic] else {
                return insufficient("the statistic \(alarm.statistic) is not evaluated locally.")
            }
            let points = published.filter {
                $0.namespace == namespace && $0.metric == alarm.metric && $0.dimensions == alarm.dimensions
            }
            datapoints = (0..<periods).map { index in
                let end = now.addingTimeInterval(-Double(index * alarm.period))
                let start = end.addingTimeInterval(-Double(alarm.period))
                let values = points.filter { $0.time > start && $0.time <= end }.map(\.value)
                return values.isEmpty ? nil : statistic(values)
            }
        default:
            return insufficient(
                "the metric \(alarm.namespace) \(alarm.metric) is not evaluated locally (AWS/Lambda Errors, AWS/SQS ApproximateNumberOfMessagesVisible and embedded-metric-format metrics are)."
            )
        }
        return decide(alarm, datapoints: datapoints)
    }

    /// ALARM when at least M of the N datapoints breach, missing ones counted as the alarm says.
    static func decide(_ alarm: AlarmDefinition, datapoints: [Double?]) -> AlarmEvaluation {
        let present = datapoints.compactMap { $0 }
        let breaching = present.filter { alarm.comparison.breaches($0, threshold: alarm.threshold) }.count
        let missing = datapoints.count - present.count
        let counted: Int
        let breached: Int
        switch alarm.treatMissingData {
        case .missing, .ignore:
            counted = present.count
            breached = breaching
        case .notBreaching:
            counted = datapoints.count
            breached = breaching
        case .breaching:
            counted = datapoints.count
            breached = breaching + missing
        }
        let newest = datapoints.first ?? nil
        guard counted > 0 else {
            return AlarmEvaluation(
                name: alarm.name,
                state: .insufficientData,
                reason:
                    "Insufficient Data: \(datapoints.count) missing datapoint\(datapoints.count == 1 ? "" : "s") were treated as [\(alarm.treatMissingData.rawValue)].",
                value: nil
            )
        }
        let inAlarm = breached >= alarm.datapointsToAlarm
        let shown = present.map(format).joined(separator: ", ")
        let reason: String
        if datapoints.count == 1, let value = newest {
            reason =
                "Threshold Crossed: 1 datapoint [\(format(value))] was \(inAlarm ? "" : "not ")"
                + "\(phrase(alarm.comparison)) the threshold (\(format(alarm.threshold)))."
        } else {
            reason =
                "Threshold Crossed: \(breached) out of the last \(datapoints.count) datapoints [\(shown)] "
                + "\(breached == 1 ? "was" : "were") \(phrase(alarm.comparison)) the threshold (\(format(alarm.threshold))) "
                + "(minimum \(alarm.datapointsToAlarm) datapoint\(alarm.datapointsToAlarm == 1 ? "" : "s") for OK -> ALARM transition)."
        }
        return AlarmEvaluation(
            name: alarm.name,
            state: inAlarm ? .alarm : .ok,
            reason: reason,
            value: newest ?? present.first
        )
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
