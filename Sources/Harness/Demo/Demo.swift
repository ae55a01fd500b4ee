import AWSClient
import Emulator
import Foundation
import Logging
import Stubs
import Topology

/// `devstack demo`: on a fresh stack at production's numbers (120 s visibility, ten receives, a 5 s batching
/// window), Sentry alerts go in through the producer's Function URL and come out as Asana tasks; then a partial
/// failure is retried, and a message that can never succeed is delivered ten times, reaches the DLQ, sets off its
/// alarm and is re-driven once the fault is lifted. The stack runs on the virtual clock, which the demo steps
/// whenever nothing is running (`VirtualClockDriver`): half an hour of production's retries passes in seconds.
/// Every step states what it expects and checks it; the run succeeds only when all of them held.
package struct Demo: Sendable {
    package let pipeline: LocalPipeline
    package let fixtures: URL
    package let say: @Sendable (String) -> Void

    package init(pipeline: LocalPipeline, fixtures: URL, say: @escaping @Sendable (String) -> Void) {
        self.pipeline = pipeline
        self.fixtures = fixtures
        self.say = say
    }

    /// Runs the three acts; true when every expectation held.
    package func run() async throws -> Bool {
        var checks: [(String, Bool)] = []
        func check(_ what: String, _ ok: Bool) {
            checks.append((what, ok))
            say("   \(ok ? "✔" : "✘") \(what)")
        }
        let secret = try Self.clientSecret(pipeline.stack)
        let sender = WebhookSender(secret: secret, timeout: 3)
        let webhook = URL(string: pipeline.endpoints.webhookURL)!
        let asana = pipeline.stubs.asana
        let admin = AdminClient(endpoint: URL(string: pipeline.endpoints.awsEndpoint)!)
        let clock = VirtualClockDriver(admin: admin)
        let files = try FileManager.default.contentsOfDirectory(
            atPath: fixtures.appendingPathComponent("webhooks").path
        )
        .filter { $0.hasSuffix(".json") }.sorted()
        guard let queue = pipeline.stack.queues.first(where: { $0.redrive != nil }), let policy = queue.redrive else {
            throw TopologyError(.invalid, "the stack has no queue with a dead-letter queue")
        }
        let dlq = policy.deadLetterQueue
        let mapping = pipeline.stack.eventSourceMappings.first
        let consumer = mapping?.function ?? "sentry-asana-consumer"
        let visibility = queue.attributes["VisibilityTimeout"] ?? "30"
        let window = mapping?.maximumBatchingWindow ?? 0
        say(
            "   production's numbers: \(visibility) s visibility, \(policy.maxReceiveCount) receives, "
                + "\(window) s batching window, on the virtual clock"
        )

        // Act 1: every fixture alert becomes one task.
        say("\n1. \(files.count) Sentry alerts → producer (Function URL) → SQS → consumer → Asana")
        for file in files {
            let body = try Array(Data(contentsOf: fixtures.appendingPathComponent("webhooks/\(file)")))
            let delivery = await sender.send(Self.trimmed(body), to: webhook)
            let last = delivery.attempts.last
            say(
                "   \(file): HTTP \(last?.status.map(String.init) ?? "no answer") in \(Int(last?.milliseconds ?? 0)) ms"
            )
        }
        let first = try await clock.advance(step: 1, limit: 120) { asana.snapshot.tasks.count >= files.count }
        check(
            "\(files.count) tasks created for \(files.count) alerts (\(Self.describe(first)))",
            first.held && asana.snapshot.tasks.count == files.count
        )
        for line in describeTasks() { say("     \(line)") }

        // Act 2: Asana fails one task creation; only that record fails, SQS brings it back, no duplicates.
        say("\n2. Partial failure: Asana answers 500 to the next task creation")
        let failOnce = pipeline.stubs.asanaServer.faults.add(
            FaultSpec(method: "POST", path: "/api/1.0/tasks", kind: .status, status: 500, times: 1)
        )
        let before = asana.snapshot.tasks.count
        for file in files.prefix(3) {
            let body = try Self.freshAlert(Data(contentsOf: fixtures.appendingPathComponent("webhooks/\(file)")))
            _ = await sender.send(body, to: webhook)
        }
        say("   3 new alerts sent; the failed record comes back when its visibility timeout ends")
        let second = try await clock.advance(step: 5, limit: 600) { asana.snapshot.tasks.count >= before + 3 }
        let failures = pipeline.stubs.asanaServer.faults.rules.first { $0.id == failOnce }?.applied ?? 0
        _ = pipeline.stubs.asanaServer.faults.remove(id: failOnce)
        check(
            "all 3 tasks created, one of them on the retry after Asana's 500 (\(Self.describe(second)))",
            second.held && failures == 1 && asana.snapshot.tasks.count == before + 3
        )

        // Act 3: Asana down for good → ten deliveries → the DLQ and its alarm → re-driven after the fix.
        say(
            "\n3. Asana down: a message that cannot succeed is delivered \(policy.maxReceiveCount) times, then goes to the DLQ"
        )
        let down = pipeline.stubs.asanaServer.faults.add(
            FaultSpec(method: "POST", path: "/api/1.0/tasks", kind: .status, status: 503)
        )
        let beforeOutage = asana.snapshot.tasks.count
        let invocationsBefore = try await admin.invocations(function: consumer).count
        let lost = try Self.freshAlert(Data(contentsOf: fixtures.appendingPathComponent("webhooks/\(files[0])")))
        _ = await sender.send(lost, to: webhook)
        let deadLettered = try await clock.advance(step: 5, limit: 7_200) {
            (pipeline.emulator.sqs.inspectMessages(dlq) ?? []).count == 1
        }
        let deliveries = try await admin.invocations(function: consumer).dropFirst(invocationsBefore)
        let lines = Self.deliveryLines(Array(deliveries))
        for line in lines.deliveries { say("     \(line)") }
        if let spacing = lines.spacing {
            say(
                "     \(spacing): \(Self.spacingReason(stack: pipeline.stack, queue: queue, consumer: consumer, window: window))"
            )
        }
        let receiveCount = (pipeline.emulator.sqs.inspectMessages(dlq)?.first?["receiveCount"] as? Int) ?? 0
        check(
            "in the DLQ after \(policy.maxReceiveCount) deliveries (receive count \(receiveCount); \(Self.describe(deadLettered)))",
            deadLettered.held && receiveCount == policy.maxReceiveCount && deliveries.count == policy.maxReceiveCount
        )
        let dlqAlarmName = pipeline.stack.alarms.first { $0.dimensions["QueueName"] == dlq }?.name
        let dlqAlarm = try await admin.alarms().first { $0.name == dlqAlarmName }
        check(
            "the DLQ's alarm pages on-call: \(dlqAlarm?.name ?? "no alarm") is \(dlqAlarm?.state ?? "missing")",
            dlqAlarm?.state == "ALARM"
        )
        _ = pipeline.stubs.asanaServer.faults.remove(id: down)
        say("   fault lifted; re-driving the DLQ (StartMessageMoveTask)")
        try await redrive(dlq: dlq)
        let redriven = try await clock.advance(step: 5, limit: 600) {
            asana.snapshot.tasks.count == beforeOutage + 1 && (pipeline.emulator.sqs.inspectMessages(dlq) ?? []).isEmpty
        }
        check(
            "exactly one task after the re-drive (\(Self.describe(redriven)))",
            redriven.held && asana.snapshot.tasks.count == beforeOutage + 1
        )
        let calm = try await admin.alarms().first { $0.name == dlqAlarmName }
        check("the DLQ is empty again and its alarm is \(calm?.state ?? "missing")", calm?.state == "OK")

        let passed = checks.filter(\.1).count
        say(
            "\nSummary: \(passed) of \(checks.count) expectations held; \(asana.snapshot.tasks.count) tasks in the Asana stub."
        )
        return passed == checks.count
    }

    /// One line per delivery of the same message: its virtual time from the first, the gap to the one before, how
    /// long the invocation ran and how it ended; then how far apart they came, from those times.
    static func deliveryLines(_ deliveries: [InvocationRecord]) -> (deliveries: [String], spacing: String?) {
        guard let start = deliveries.first?.startedAt else { return ([], nil) }
        func seconds(_ milliseconds: Int64) -> Int { Int((Double(milliseconds) / 1000).rounded()) }
        var lines: [String] = []
        var gaps: [Int] = []
        for (index, delivery) in deliveries.enumerated() {
            var line = "delivery \(index + 1) at +\(seconds(delivery.startedAt - start)) s"
            if index > 0 {
                let gap = seconds(delivery.startedAt - deliveries[index - 1].startedAt)
                gaps.append(gap)
                line += " (\(gap) s after delivery \(index))"
            }
            let ran = delivery.endedAt.map { " ran \(seconds($0 - delivery.startedAt)) s," } ?? ""
            line += ":\(ran) invocation \(delivery.outcome), the record in batchItemFailures"
            lines.append(line)
        }
        guard let low = gaps.min(), let high = gaps.max() else { return (lines, nil) }
        let apart = low == high ? "\(low) s" : "\(low)–\(high) s"
        return (lines, "\(deliveries.count) deliveries \(apart) apart in virtual time")
    }

    /// Why the deliveries come that far apart, from the stack's numbers: the mapping receives with the queue's
    /// visibility timeout, unless the batching window plus the function's timeout exceed it — then, as Lambda
    /// documents, with window + timeout + 30 s, so a batch cannot reappear while it is still being processed.
    static func spacingReason(stack: StackTopology, queue: QueueDefinition, consumer: String, window: Int) -> String {
        let queueVisibility = Int(queue.attributes["VisibilityTimeout"] ?? "30") ?? 30
        guard let timeout = stack.functions.first(where: { $0.name == consumer })?.timeout,
            window + timeout > queueVisibility
        else { return "each comes back when the queue's \(queueVisibility) s visibility timeout ends" }
        return "Lambda receives with \(window) s window + \(timeout) s function timeout + 30 s = "
            + "\(window + timeout + 30) s of visibility, since window + timeout exceed the queue's \(queueVisibility) s"
    }

    /// "12 min 30 s of virtual time in 0.8 s".
    static func describe(_ outcome: VirtualClockDriver.Outcome) -> String {
        let seconds = Int(outcome.moved.rounded())
        let virtual = seconds >= 60 ? "\(seconds / 60) min \(seconds % 60) s" : "\(seconds) s"
        return "\(virtual) of virtual time in \(String(format: "%.1f", outcome.wall)) s"
    }

    func describeTasks() -> [String] {
        let state = pipeline.stubs.asana.snapshot
        func option(_ task: Asana.Task, field name: String) -> String {
            for value in task.customFieldValues.values {
                guard let field = state.customFields[value.field], field.name == name else { continue }
                return field.enumOptions.first { $0.gid == value.enumOption }?.name ?? "?"
            }
            return "-"
        }
        return state.tasks.values.sorted { $0.createdAt < $1.createdAt }.map { task in
            let projects = task.projects.compactMap { state.projects[$0]?.name }.joined(separator: " + ")
            return
                "\(task.name.prefix(48)) | team \(option(task, field: "Team")) | \(option(task, field: "Priority")) | \(projects)"
        }
    }

    func redrive(dlq: String) async throws {
        let stack = pipeline.stack
        let configuration = try AWSConfiguration(environment: [
            "AWS_ACCESS_KEY_ID": stack.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": stack.credentials.secretAccessKey, "AWS_REGION": stack.region,
            "AWS_ENDPOINT_URL": pipeline.endpoints.awsEndpoint,
        ])
        let sqs = SQSClient(
            configuration: configuration,
            transport: URLSessionTransport(),
            logger: .init(label: "demo")
        )
        _ = try await sqs.startMessageMoveTask(
            sourceARN: "arn:aws:sqs:\(stack.region):\(stack.accountID):\(dlq)",
            deadline: AWSDeadline.after(.seconds(10))
        )
    }

    /// A fixture as a new alert: same content, a new event id (the consumer's duplicate check keys on it).
    static func freshAlert(_ fixture: Data) throws -> [UInt8] {
        guard var root = try JSONSerialization.jsonObject(with: fixture) as? [String: Any],
            var data = root["data"] as? [String: Any], var event = data["event"] as? [String: Any]
        else { throw TopologyError(.malformed, "a webhook fixture is not an event_alert envelope") }
        event["event_id"] = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        data["event"] = event
        root["data"] = data
        return Array(try JSONSerialization.data(withJSONObject: root, options: [.withoutEscapingSlashes]))
    }

    static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes.removeLast() }
        return bytes
    }

    static func clientSecret(_ stack: StackTopology) throws -> String {
        guard let secret = try LocalPipeline.secretValues(stack)["SENTRY_CLIENT_SECRET"] else {
            throw TopologyError(.invalid, "the stack's secret has no SENTRY_CLIENT_SECRET")
        }
        return secret
    }
}
