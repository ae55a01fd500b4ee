import Foundation
import Topology

/// `/_devstack/alarms` and `/_devstack/status`: the stack's alarms evaluated now, on the emulator's clock, and
/// the one-glance view `devstack status` prints (functions, queue depths, in-flight messages, alarms).
extension AdminAPI {
    /// The loaded stack's alarms against the invocation journal and the queues; none when no stack was loaded.
    func alarmEvaluations() -> [AlarmEvaluation] {
        guard let stack = emulator.stack else { return [] }
        let functions = Set(stack.functions.map(\.name))
        return AlarmEvaluator.evaluate(
            stack.alarms,
            now: emulator.clock.now(),
            invocationEnds: { functions.contains($0) ? emulator.lambda.invocationEnds(function: $0) : nil },
            queueVisible: { (emulator.sqs.inspectQueue($0)?["visible"] as? Int) },
            embeddedMetrics: {
                functions.sorted().flatMap { name in
                    emulator.lambda.logs.events(function: name).flatMap {
                        EmbeddedMetricDatapoint.parse($0.message, loggedAt: $0.timestamp)
                    }
                }
            }
        )
    }

    func alarmsView() -> EmulatorResponse {
        .json(["alarms": alarmEvaluations().map(\.jsonObject)])
    }

    func statusView() async -> EmulatorResponse {
        .json([
            "functions": await emulator.lambda.functionSummaries().map(\.json), "queues": emulator.sqs.inspectQueues(),
            "alarms": alarmEvaluations().map(\.jsonObject),
        ])
    }
}
