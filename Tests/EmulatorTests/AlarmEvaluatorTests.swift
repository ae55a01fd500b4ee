import Foundation
import TestSupport
import Testing
import Topology

@testable import Emulator

/// The stack's CloudWatch-style alarms evaluated on the emulator's numbers: each comparison, both metrics, the
/// window's edges, and INSUFFICIENT_DATA for what cannot be evaluated.
@Suite("AlarmEvaluator")
struct AlarmEvaluatorTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func errorsAlarm(
        _ comparison: AlarmDefinition.Comparison = .greaterThanOrEqualToThreshold,
        threshold: Double = 1,
        statistic: String = "Sum",
        period: Int = 60,
        function: String? = "consumer"
    ) -> AlarmDefinition {
        AlarmDefinition(
            name: "errors",
            namespace: "AWS/Lambda",
            metric: "Errors",
            dimensions: function.map { ["FunctionName": $0] } ?? [:],
            statistic: statistic,
            period: period,
            threshold: threshold,
            comparison: comparison
        )
    }

    static func visibleAlarm(
        _ comparison: AlarmDefinition.Comparison = .greaterThanThreshold,
        threshold: Double = 0,
        statistic: String = "Maximum",
        queue: String = "dlq"
    ) -> AlarmDefinition {
        AlarmDefinition(
            name: "dlq-not-empty",
            namespace: "AWS/SQS",
            metric: "ApproximateNumberOfMessagesVisible",
            dimensions: ["QueueName": queue],
            statistic: statistic,
            period: 60,
            threshold: threshold,
            comparison: comparison
        )
    }

    /// Evaluates with invocations of the function "consumer" that failed and succeeded so many seconds before now
    /// (by default one success 30 s ago, so that the newest period has a datapoint) and `visible` for queue "dlq".
    static func evaluate(
        _ alarm: AlarmDefinition,
        failures: [Double] = [],
        successes: [Double] = [30],
        visible: Int = 0
    ) -> AlarmEvaluation {
        let ends =
            failures.map { LambdaInvocationEnd(at: now.addingTimeInterval(-$0), failed: true) }
            + successes.map { LambdaInvocationEnd(at: now.addingTimeInterval(-$0), failed: false) }
        return AlarmEvaluator.evaluate(
            alarm,
            now: now,
            invocationEnds: { $0 == "consumer" ? ends : nil },
            queueVisible: { $0 == "dlq" ? visible : nil }
        )
    }

    struct ComparisonCase: Sendable, CustomStringConvertible {
        var comparison: AlarmDefinition.Comparison
        var visible: Int
        var threshold: Double
        var expected: AlarmState
        var description: String { "\(visible) \(comparison.rawValue) \(threshold) → \(expected.rawValue)" }
    }

    static let comparisonCases: [ComparisonCase] = [
        .init(comparison: .greaterThanOrEqualToThreshold, visible: 2, threshold: 1, expected: .alarm),
        .init(comparison: .greaterThanOrEqualToThreshold, visible: 1, threshold: 1, expected: .alarm),
        .init(comparison: .greaterThanOrEqualToThreshold, visible: 0, threshold: 1, expected: .ok),
        .init(comparison: .greaterThanThreshold, visible: 2, threshold: 1, expected: .alarm),
        .init(comparison: .greaterThanThreshold, visible: 1, threshold: 1, expected: .ok),
        .init(comparison: .lessThanThreshold, visible: 0, threshold: 1, expected: .alarm),
        .init(comparison: .lessThanThreshold, visible: 1, threshold: 1, expected: .ok),
        .init(comparison: .lessThanOrEqualToThreshold, visible: 1, threshold: 1, expected: .alarm),
        .init(comparison: .lessThanOrEqualToThreshold, visible: 2, threshold: 1, expected: .ok),
    ]

    @Test("every comparison operator, on both sides of the threshold", arguments: comparisonCases)
    func comparisons(_ item: ComparisonCase) {
        let result = Self.evaluate(Self.visibleAlarm(item.comparison, threshold: item.threshold), visible: item.visible)
        #expect(result.state == item.expected)
        #expect(result.value == Double(item.visible))
        let words = AlarmEvaluator.phrase(item.comparison)
        let not = item.expected == .alarm ? "" : "not "
        #expect(
            result.reason
                == "Threshold Crossed: 1 datapoint [\(Double(item.visible))] was \(not)\(words) the threshold (\(item.threshold))."
        )
    }

    @Test("Lambda Errors: Sum counts the failures of the last period, with CloudWatch's reason")
    func lambdaErrorsSum() {
        let alarm = Self.errorsAlarm()
        let two = Self.evaluate(alarm, failures: [1, 59])
        #expect(two.state == .alarm && two.value == 2)
        #expect(two.reason == "Threshold Crossed: 1 datapoint [2.0] was greater than or equal to the threshold (1.0).")
        let none = Self.evaluate(alarm, failures: [])
        #expect(none.state == .ok && none.value == 0)
        #expect(
            none.reason == "Threshold Crossed: 1 datapoint [0.0] was not greater than or equal to the threshold (1.0)."
        )
    }

    @Test("Lambda Errors: the window is (now - period, now] — older failures and future ones do not count")
    func windowEdges() {
        let alarm = Self.errorsAlarm()
        #expect(Self.evaluate(alarm, failures: [60]).value == 0, "exactly one period ago is outside")
        #expect(Self.evaluate(alarm, failures: [59.999]).value == 1)
        #expect(Self.evaluate(alarm, failures: [0]).value == 1, "now is inside")
        #expect(Self.evaluate(alarm, failures: [-1]).value == 0, "a failure after now does not count")
        #expect(
            Self.evaluate(alarm, failures: [120, 300]).state == .ok,
            "failures long ago let the alarm go back to OK"
        )
        #expect(Self.evaluate(Self.errorsAlarm(period: 300), failures: [120, 299]).value == 2)
    }

    @Test("Lambda Errors: Maximum is 1 with any failure; other statistics are not evaluated")
    func lambdaErrorsStatistics() {
        let maximum = Self.evaluate(Self.errorsAlarm(statistic: "Maximum"), failures: [1, 2, 3])
        #expect(maximum.value == 1 && maximum.state == .alarm)
        let average = Self.evaluate(Self.errorsAlarm(statistic: "Average"), failures: [1])
        #expect(average.state == .insufficientData && average.value == nil)
        #expect(average.reason.contains("Average"))
    }

    @Test("SQS visible messages: the current count under Maximum, Minimum, Average and Sum; not SampleCount")
    func sqsVisible() {
        for statistic in ["Maximum", "Minimum", "Average", "Sum"] {
            let result = Self.evaluate(Self.visibleAlarm(statistic: statistic), visible: 3)
            #expect(result.state == .alarm && result.value == 3, "\(statistic)")
        }
        let empty = Self.evaluate(Self.visibleAlarm(), visible: 0)
        #expect(empty.state == .ok)
        #expect(empty.reason == "Threshold Crossed: 1 datapoint [0.0] was not greater than the threshold (0.0).")
        #expect(Self.evaluate(Self.visibleAlarm(statistic: "SampleCount"), visible: 3).state == .insufficientData)
    }

    @Test("INSUFFICIENT_DATA, with the reason, for what cannot be evaluated")
    func insufficientData() {
        let cases: [(AlarmDefinition, String)] = [
            (Self.errorsAlarm(function: "other"), "no function called other"),
            (Self.errorsAlarm(function: nil), "no FunctionName dimension"),
            (Self.visibleAlarm(queue: "missing"), "no queue called missing"),
            (Self.errorsAlarm(period: 0), "period must be > 0"),
            (
                AlarmDefinition(
                    name: "throttles",
                    namespace: "AWS/Lambda",
                    metric: "Throttles",
                    dimensions: ["FunctionName": "consumer"],
                    threshold: 1,
                    comparison: .greaterThanOrEqualToThreshold
                ),
                "AWS/Lambda Throttles is not evaluated locally"
            ),
        ]
        for (alarm, words) in cases {
            let result = Self.evaluate(alarm, failures: [1], visible: 1)
            #expect(result.state == .insufficientData, "\(alarm)")
            #expect(result.value == nil)
            #expect(result.reason.hasPrefix("Insufficient Data: ") && result.reason.contains(words), "\(result.reason)")
            #expect(result.jsonObject["value"] is NSNull)
        }
        var alarm = Self.visibleAlarm()
        alarm.dimensions = [:]
        #expect(Self.evaluate(alarm).reason.contains("no QueueName dimension"))
    }

    /// Production's consumer alarm: Maximum over 180 s, 3 of 3, missing data left out.
    static func consumerAlarm(treatMissingData: AlarmDefinition.MissingData = .missing) -> AlarmDefinition {
        AlarmDefinition(
            name: "consumer-errors",
            namespace: "AWS/Lambda",
            metric: "Errors",
            dimensions: ["FunctionName": "consumer"],
            statistic: "Maximum",
            period: 180,
            evaluationPeriods: 3,
            datapointsToAlarm: 3,
            threshold: 1,
            comparison: .greaterThanOrEqualToThreshold,
            treatMissingData: treatMissingData
        )
    }

    @Test("M of N: ALARM only when enough of the last N periods breach, with CloudWatch's reason")
    func mOfN() {
        let alarm = Self.consumerAlarm()
        let three = Self.evaluate(alarm, failures: [10, 200, 400], successes: [])
        #expect(three.state == .alarm)
        #expect(
            three.reason
                == "Threshold Crossed: 3 out of the last 3 datapoints [1.0, 1.0, 1.0] were greater than or equal to the threshold (1.0) (minimum 3 datapoints for OK -> ALARM transition)."
        )
        let gap = Self.evaluate(alarm, failures: [10, 400], successes: [200])
        #expect(gap.state == .ok, "a period with invocations and no failure breaks the run of three")
        var twoOfThree = alarm
        twoOfThree.datapointsToAlarm = 2
        #expect(Self.evaluate(twoOfThree, failures: [10, 400], successes: [200]).state == .alarm)
    }

    @Test("missing data: left out, not breaching or breaching, as treat_missing_data says")
    func missingData() {
        // One failing period, two idle ones (no invocation: no datapoint, as CloudWatch has none for Lambda).
        let failures: [Double] = [10]
        #expect(
            Self.evaluate(Self.consumerAlarm(treatMissingData: .missing), failures: failures, successes: []).state
                == .ok
        )
        #expect(
            Self.evaluate(Self.consumerAlarm(treatMissingData: .notBreaching), failures: failures, successes: []).state
                == .ok
        )
        #expect(
            Self.evaluate(Self.consumerAlarm(treatMissingData: .breaching), failures: failures, successes: []).state
                == .alarm
        )
        let idle = Self.evaluate(Self.consumerAlarm(), successes: [])
        #expect(idle.state == .insufficientData && idle.value == nil)
        #expect(idle.reason == "Insufficient Data: 3 missing datapoints were treated as [missing].")
        #expect(Self.evaluate(Self.consumerAlarm(treatMissingData: .notBreaching), successes: []).state == .ok)
    }

    @Test("an embedded-metric-format line is a datapoint of its namespace, metric and dimension set")
    func embeddedMetrics() {
        let line =
            #"{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"SentryAsana","Dimensions":[[]],"#
            + #""Metrics":[{"Name":"ConfigurationErrors","Unit":"Count"}]}]},"ConfigurationErrors":2,"RefusedCredentials":"ASANA_PAT"}"#
        let points = EmbeddedMetricDatapoint.parse(line, loggedAt: Self.now.addingTimeInterval(-10))
        #expect(points.count == 1 && points.first?.value == 2 && points.first?.dimensions == [:])
        #expect(EmbeddedMetricDatapoint.parse(#"{"level":"info","message":"x"}"#, loggedAt: Self.now).isEmpty)
        #expect(EmbeddedMetricDatapoint.parse("START RequestId: r", loggedAt: Self.now).isEmpty)
        let alarm = AlarmDefinition(
            name: "configuration",
            namespace: "SentryAsana",
            metric: "ConfigurationErrors",
            statistic: "Sum",
            period: 60,
            threshold: 1,
            comparison: .greaterThanOrEqualToThreshold,
            treatMissingData: .notBreaching
        )
        let fired = AlarmEvaluator.evaluate(
            [alarm],
            now: Self.now,
            invocationEnds: { _ in [] },
            queueVisible: { _ in nil },
            embeddedMetrics: { points }
        )
        #expect(fired.first?.state == .alarm && fired.first?.value == 2)
        let quiet = AlarmEvaluator.evaluate(
            [alarm],
            now: Self.now,
            invocationEnds: { _ in [] },
            queueVisible: { _ in nil }
        )
        #expect(quiet.first?.state == .ok, "no datapoint, treated as not breaching")
    }

    @Test("the stack's own alarms carry production's settings and are evaluated in order")
    func stackAlarms() throws {
        let path = try FixtureLoader.package("emulator").path("stack", ext: "yaml")
        let stack = try StackTopology.load(from: path)
        #expect(stack.alarms.count == 4)
        let consumer = try #require(stack.alarms.first { $0.dimensions["FunctionName"] == "sentry-asana-consumer" })
        #expect(consumer.period == 180 && consumer.evaluationPeriods == 3 && consumer.datapointsToAlarm == 3)
        let producer = try #require(stack.alarms.first { $0.dimensions["FunctionName"] == "sentry-asana-producer" })
        #expect(producer.period == 60 && producer.evaluationPeriods == 1 && producer.treatMissingData == .missing)
        let dlq = try #require(stack.alarms.first { $0.namespace == "AWS/SQS" })
        #expect(dlq.period == 300 && dlq.treatMissingData == .notBreaching && dlq.unit == "Count")

        func evaluate(consumerFailures: [Double]) -> [AlarmEvaluation] {
            let ends: [String: [LambdaInvocationEnd]] = [
                "sentry-asana-consumer": consumerFailures.map {
                    LambdaInvocationEnd(at: Self.now.addingTimeInterval(-$0), failed: true)
                },
                "sentry-asana-producer": [],
            ]
            return AlarmEvaluator.evaluate(
                stack.alarms,
                now: Self.now,
                invocationEnds: { ends[$0] },
                queueVisible: { $0 == "sentry-asana-message-queue-dlq" ? 1 : nil }
            )
        }
        let once = evaluate(consumerFailures: [5])
        #expect(once.map(\.name) == stack.alarms.map(\.name))
        #expect(
            once.map(\.state) == [.ok, .insufficientData, .alarm, .ok],
            "one consumer error does not page; no refused token (missing data is not breaching)"
        )
        #expect(evaluate(consumerFailures: [5, 185, 365]).first?.state == .alarm, "three periods in a row do")
        let json = once.map(\.jsonObject)
        #expect(json[2]["state"] as? String == "ALARM" && json[2]["value"] as? Double == 1)
        #expect(JSONSerialization.isValidJSONObject(["alarms": json]))
    }
}
