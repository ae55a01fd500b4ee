import AWSClient
import Foundation

/// `devstack dlq redrive`: a `StartMessageMoveTask` through our SQS client (as the console's "Start DLQ redrive"
/// does), then progress from `ListMessageMoveTasks` and the queue counts until the task has ended and the DLQ
/// holds no receivable message, or `timeout` has passed.
package struct DLQRedrive: Sendable {
    let sqs: SQSClient
    let admin: AdminClient
    let timeout: Duration
    let pollInterval: Duration

    package init(
        sqs: SQSClient,
        admin: AdminClient,
        timeout: Duration = .seconds(60),
        pollInterval: Duration = .milliseconds(250)
    ) {
        self.sqs = sqs
        self.admin = admin
        self.timeout = timeout
        self.pollInterval = pollInterval
    }

    /// How a re-drive ended.
    package struct Outcome: Sendable, Equatable {
        /// `COMPLETED`, `FAILED`, `CANCELLED`, or `RUNNING` when the wait ran out.
        package var status: String
        package var moved: Int
        package var toMove: Int?
        package var failureReason: String?
        /// Receivable messages still in the DLQ at the end.
        package var leftVisible: Int
        /// In-flight messages in the DLQ (SQS moves only receivable ones).
        package var leftInFlight: Int
        package var timedOut: Bool
    }

    /// Moves the messages of `dlq` to `destination` (a queue name), or each back to the queue it came from when
    /// `destination` is nil. `progress` gets one line per change.
    package func run(
        dlq: String,
        to destination: String?,
        progress: @Sendable (String) -> Void = { _ in }
    ) async throws -> Outcome {
        let queues = try await admin.queues()
        guard let source = queues.first(where: { $0.name == dlq }), let sourceArn = source.arn else {
            throw AdminClientError(
                .notFound,
                "no queue called \(dlq); queues: \(queues.map(\.name).joined(separator: ", "))"
            )
        }
        var destinationArn: String?
        if let destination {
            guard let target = queues.first(where: { $0.name == destination }), let arn = target.arn else {
                throw AdminClientError(
                    .notFound,
                    "no queue called \(destination); queues: \(queues.map(\.name).joined(separator: ", "))"
                )
            }
            destinationArn = arn
        }
        progress("\(dlq): \(source.visible) visible, \(source.inFlight) in flight; starting a message move task")
        let earlier = try await tasks(sourceArn)
        let handle = try await sqs.startMessageMoveTask(
            sourceARN: sourceArn,
            destinationARN: destinationArn,
            deadline: AWSDeadline.after(.seconds(10))
        )
        let clock = ContinuousClock()
        let giveUp = clock.now.advanced(by: timeout)
        var lastLine = ""
        while true {
            let entry = Self.ours(in: try await tasks(sourceArn), earlier: earlier, handle: handle)
            let now = try await admin.queues().first { $0.name == dlq }
            let status = entry?.status ?? "RUNNING"
            let outcome = Outcome(
                status: status,
                moved: entry?.approximateNumberOfMessagesMoved ?? 0,
                toMove: entry?.approximateNumberOfMessagesToMove,
                failureReason: entry?.failureReason,
                leftVisible: now?.visible ?? 0,
                leftInFlight: now?.inFlight ?? 0,
                timedOut: false
            )
            let line =
                "\(status): moved \(outcome.moved)\(outcome.toMove.map { " of \($0)" } ?? ""); "
                + "\(dlq) now \(outcome.leftVisible) visible, \(outcome.leftInFlight) in flight"
            if line != lastLine {
                progress(line)
                lastLine = line
            }
            if status != "RUNNING" && (outcome.leftVisible == 0 || status != "COMPLETED") { return outcome }
            if clock.now >= giveUp {
                var late = outcome
                late.timedOut = true
                return late
            }
            try await Task.sleep(for: pollInterval)
        }
    }

    func tasks(_ sourceArn: String) async throws -> [SQSMessageMoveTask] {
        try await sqs.listMessageMoveTasks(
            sourceARN: sourceArn,
            maxResults: 10,
            deadline: AWSDeadline.after(.seconds(10))
        )
    }

    /// The task this run started: SQS names a task's handle only while it runs, so a finished one is the entry
    /// that was not in the list before the start (tasks of one instant have no order to go by).
    static func ours(
        in tasks: [SQSMessageMoveTask],
        earlier: [SQSMessageMoveTask],
        handle: String
    ) -> SQSMessageMoveTask? {
        if let running = tasks.first(where: { $0.taskHandle == handle }) { return running }
        var seen = earlier
        for task in tasks {
            if let index = seen.firstIndex(of: task) {
                seen.remove(at: index)
            } else {
                return task
            }
        }
        return nil
    }
}
