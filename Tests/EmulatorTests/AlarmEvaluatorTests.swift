import Foundation
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

    /// Evaluates with `failures` seconds-before-now for the function "consumer" and `visible` for queue "dlq".
    static func evaluate(_ alarm: AlarmDefinition, failures: [Double] = [], visible: Int = 0) -> AlarmEvaluation {
        AlarmEvaluator.evaluate(
            alarm,
            now: now,
            functionFailures: { $0 == "consumer" ? failures.map { now.addingTimeInterval(-$0) } : nil },
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

    @Test("the stack's own three alarms, in order, as GET /_devstack/alarms would serve them")
    func stackAlarms() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("emulator/stack.yaml").path
        let stack = try StackTopology.load(from: path)
        #expect(stack.alarms.count == 3)
        let failures: [String: [Date]] = [
            "sentry-asana-consumer": [Self.now.addingTimeInterval(-5)], "sentry-asana-producer": [],
        ]
        let results = AlarmEvaluator.evaluate(
            stack.alarms,
            now: Self.now,
            functionFailures: { failures[$0] },
            queueVisible: { $0 == "sentry-asana-dlq" ? 1 : nil }
        )
        #expect(results.map(\.name) == stack.alarms.map(\.name))
        #expect(results.map(\.state) == [.alarm, .ok, .alarm])
        let json = results.map(\.jsonObject)
        #expect(json[2]["state"] as? String == "ALARM" && json[2]["value"] as? Double == 1)
        #expect(JSONSerialization.isValidJSONObject(["alarms": json]))
    }
}
