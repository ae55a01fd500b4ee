import AWSClient
import AWSSigV4
import Foundation
import Logging
import Synchronization

/// A light SQS load generator: real SigV4 over keep-alive connections (one shared `URLSessionTransport`), N
/// concurrent workers, per-request latency, and — given the server's PID — the server's CPU time and memory
/// from /proc around the measured phase only. Every loop is bounded by a request count and by the plan's time
/// limit; a workload that hits the limit or fails repeatedly throws `BenchmarkError` rather than report a figure.
package struct SQSBenchmark: Sendable {
    package var sqs: SQSClient
    package var serverPID: Int32?
    package var logger: Logger

    /// Failed requests tolerated per worker before the workload is abandoned.
    package static let maxFailuresPerWorker = 20

    package init(sqs: SQSClient, serverPID: Int32?, logger: Logger) {
        self.sqs = sqs
        self.serverPID = serverPID
        self.logger = logger
    }

    /// A client for `endpoint` with the emulator's default credentials, signing as real SDKs do and never retrying
    /// (a retried request would hide a failure and skew latency).
    package static func client(endpoint: URL, region: String, logger: Logger) -> SQSClient {
        let configuration = AWSConfiguration(
            credentials: AWSCredentials(accessKeyID: "test", secretAccessKey: "test"),
            region: region,
            endpointOverrides: [.sqs: endpoint]
        )
        return SQSClient(
            configuration: configuration,
            transport: URLSessionTransport(),
            logger: logger,
            options: AWSClientOptions(retry: .none, attemptTimeout: .seconds(30))
        )
    }

    /// Runs `plan` on a fresh queue (deleted afterwards) and returns its measurements.
    package func run(_ plan: SQSBenchmarkPlan) async throws -> SQSBenchmarkResult {
        try plan.validate()
        let clock = ContinuousClock()
        let limit = clock.now.advanced(by: .milliseconds(Int64(plan.durationLimitSeconds * 1_000)))
        let body = String(repeating: "x", count: plan.bodyBytes)
        let queueURL = try await createQueue(
            name: "bench-\(plan.workload.rawValue)-\(UInt32.random(in: 0...UInt32.max))",
            limit: limit
        )
        let prefill = plan.workload == .drain ? plan.messages : plan.backlog
        if prefill > 0 {
            try await fill(queueURL: queueURL, messages: prefill, body: body, limit: limit)
        }
        logger.debug("benchmark measured phase starting", metadata: ["workload": "\(plan.label)"])
        let before = try serverPID.map { pid throws(BenchmarkError) in try ProcessUsage.read(pid: pid) }
        let start = clock.now
        let outcome: WorkerOutcome
        switch plan.workload {
        case .send: outcome = try await send(plan, queueURL: queueURL, body: body, limit: limit)
        case .drain: outcome = try await drain(plan, queueURL: queueURL, limit: limit)
        }
        let elapsed = start.duration(to: clock.now)
        let after = try serverPID.map { pid throws(BenchmarkError) in try ProcessUsage.read(pid: pid) }
        try? await deleteQueue(queueURL)
        var cpuSeconds: Double?
        if let before, let after {
            cpuSeconds = Double(after.cpuTicks &- before.cpuTicks) / ProcessUsage.ticksPerSecond
        }
        return SQSBenchmarkResult(
            label: plan.label,
            workload: plan.workload.rawValue,
            concurrency: plan.concurrency,
            batch: plan.batch,
            backlog: plan.backlog,
            messages: outcome.messages,
            requests: outcome.latencies.count + outcome.failures,
            failures: outcome.failures,
            seconds: LatencySummary.microseconds(elapsed) / 1e6,
            latency: LatencySummary(samples: outcome.latencies),
            serverCPUSeconds: cpuSeconds,
            serverRSSMiB: after.map { Double($0.residentKiB) / 1_024 }
        )
    }

    // MARK: Workloads

    struct WorkerOutcome: Sendable {
        var latencies: [Duration] = []
        var failures = 0
        var messages = 0

        mutating func merge(_ other: WorkerOutcome) {
            latencies += other.latencies
            failures += other.failures
            messages += other.messages
        }
    }

    private func send(
        _ plan: SQSBenchmarkPlan,
        queueURL: String,
        body: String,
        limit: ContinuousClock.Instant
    ) async throws -> WorkerOutcome {
        let sizes = plan.sendRequestSizes()
        return try await withThrowingTaskGroup(of: WorkerOutcome.self) { group in
            for (worker, requests) in sizes.enumerated() {
                group.addTask {
                    var outcome = WorkerOutcome()
                    for (index, size) in requests.enumerated() {
                        try checkLimit(limit, plan: plan)
                        let clock = ContinuousClock()
                        let started = clock.now
                        do {
                            if plan.batch {
                                let entries = (0..<size).map { SQSSendMessageBatchEntry(id: "m\($0)", body: body) }
                                let result = try await sqs.sendMessageBatch(
                                    queueURL: queueURL,
                                    entries: entries,
                                    deadline: requestDeadline(limit)
                                )
                                outcome.messages += result.successful.count
                                if !result.failed.isEmpty { outcome.failures += 1 }
                            } else {
                                _ = try await sqs.sendMessage(
                                    queueURL: queueURL,
                                    body: body,
                                    deadline: requestDeadline(limit)
                                )
                                outcome.messages += 1
                            }
                            outcome.latencies.append(started.duration(to: clock.now))
                        } catch {
                            outcome.failures += 1
                            try checkFailures(outcome.failures, error: error, worker: worker, request: index)
                        }
                    }
                    return outcome
                }
            }
            var total = WorkerOutcome()
            for try await outcome in group { total.merge(outcome) }
            return total
        }
    }

    /// Messages deleted so far by all drain workers, so each stops once the queue is known to be empty.
    final class DeletedCounter: Sendable {
        let value = Atomic<Int>(0)
    }

    private func drain(
        _ plan: SQSBenchmarkPlan,
        queueURL: String,
        limit: ContinuousClock.Instant
    ) async throws -> WorkerOutcome {
        let deleted = DeletedCounter()
        // Each message needs at most one receive and one delete; the rest covers empty receives at the end.
        let maxIterations = plan.messages + 100
        return try await withThrowingTaskGroup(of: WorkerOutcome.self) { group in
            for worker in 0..<plan.concurrency {
                group.addTask {
                    var outcome = WorkerOutcome()
                    var emptyInARow = 0
                    for iteration in 0..<maxIterations {
                        if deleted.value.load(ordering: .relaxed) >= plan.messages || emptyInARow >= 3 { break }
                        try checkLimit(limit, plan: plan)
                        let clock = ContinuousClock()
                        do {
                            var started = clock.now
                            let messages = try await sqs.receiveMessage(
                                queueURL: queueURL,
                                maxNumberOfMessages: 10,
                                visibilityTimeout: 300,
                                waitTimeSeconds: 0,
                                deadline: requestDeadline(limit)
                            )
                            outcome.latencies.append(started.duration(to: clock.now))
                            guard !messages.isEmpty else {
                                emptyInARow += 1
                                continue
                            }
                            emptyInARow = 0
                            let entries = messages.enumerated().map {
                                SQSDeleteMessageBatchEntry(id: "d\($0.offset)", receiptHandle: $0.element.receiptHandle)
                            }
                            started = clock.now
                            let result = try await sqs.deleteMessageBatch(
                                queueURL: queueURL,
                                entries: entries,
                                deadline: requestDeadline(limit)
                            )
                            outcome.latencies.append(started.duration(to: clock.now))
                            outcome.messages += result.successful.count
                            deleted.value.add(result.successful.count, ordering: .relaxed)
                            if !result.failed.isEmpty { outcome.failures += 1 }
                        } catch {
                            outcome.failures += 1
                            try checkFailures(outcome.failures, error: error, worker: worker, request: iteration)
                        }
                    }
                    return outcome
                }
            }
            var total = WorkerOutcome()
            for try await outcome in group { total.merge(outcome) }
            if total.messages < plan.messages {
                throw BenchmarkError(
                    .tooManyFailures,
                    "drain deleted \(total.messages) of \(plan.messages) messages"
                )
            }
            return total
        }
    }

    // MARK: Setup

    /// Puts `messages` messages in the queue with SendMessageBatch from 8 workers, outside any measurement.
    private func fill(queueURL: String, messages: Int, body: String, limit: ContinuousClock.Instant) async throws {
        let plan = SQSBenchmarkPlan(
            workload: .send,
            concurrency: 8,
            messages: messages,
            batch: true,
            durationLimitSeconds: 3_600
        )
        let outcome = try await send(plan, queueURL: queueURL, body: body, limit: limit)
        guard outcome.messages == messages else {
            throw BenchmarkError(.tooManyFailures, "prefill sent \(outcome.messages) of \(messages) messages")
        }
    }

    private struct CreateQueueInput: Encodable {
        var queueName: String
        enum CodingKeys: String, CodingKey { case queueName = "QueueName" }
    }

    private struct CreateQueueOutput: Decodable {
        var queueURL: String
        enum CodingKeys: String, CodingKey { case queueURL = "QueueUrl" }
    }

    private struct QueueURLInput: Encodable {
        var queueURL: String
        enum CodingKeys: String, CodingKey { case queueURL = "QueueUrl" }
    }

    private struct EmptyOutput: Decodable {}

    private func createQueue(name: String, limit: ContinuousClock.Instant) async throws -> String {
        try await sqs.client.call(
            "CreateQueue",
            CreateQueueInput(queueName: name),
            output: CreateQueueOutput.self,
            deadline: requestDeadline(limit)
        ).queueURL
    }

    private func deleteQueue(_ queueURL: String) async throws {
        _ = try await sqs.client.call(
            "DeleteQueue",
            QueueURLInput(queueURL: queueURL),
            output: EmptyOutput.self,
            deadline: ContinuousClock().now.advanced(by: .seconds(10))
        )
    }

    // MARK: Bounds

    private func requestDeadline(_ limit: ContinuousClock.Instant) -> ContinuousClock.Instant {
        min(ContinuousClock().now.advanced(by: .seconds(30)), limit)
    }

    private func checkLimit(_ limit: ContinuousClock.Instant, plan: SQSBenchmarkPlan) throws {
        try Task.checkCancellation()
        if ContinuousClock().now >= limit {
            throw BenchmarkError(
                .timeLimit,
                "\(plan.label) did not finish within \(plan.durationLimitSeconds) s"
            )
        }
    }

    private func checkFailures(_ failures: Int, error: any Error, worker: Int, request: Int) throws {
        logger.debug(
            "benchmark request failed",
            metadata: ["worker": "\(worker)", "request": "\(request)", "error": "\(error)"]
        )
        if failures >= Self.maxFailuresPerWorker {
            throw BenchmarkError(
                .tooManyFailures,
                "worker \(worker) saw \(failures) failed requests; the last: \(error)"
            )
        }
    }
}
