import AWSClient
import Emulator
import Foundation
import Logging
import Stubs
import Topology

/// `devstack demo`: on a fresh stack, Sentry alerts go in through the producer's Function URL and come out as
/// Asana tasks; then a partial failure is retried, and a message that can never succeed reaches the DLQ and is
/// re-driven once the fault is lifted. Every step states what it expects and checks it; the run succeeds only
/// when all of them held.
package struct Demo: Sendable {
    package let pipeline: LocalPipeline
    package let fixtures: URL
    package let say: @Sendable (String) -> Void

    package init(pipeline: LocalPipeline, fixtures: URL, say: @escaping @Sendable (String) -> Void) {
        self.pipeline = pipeline
        self.fixtures = fixtures
        self.say = say
    }

    /// The demo's shorter clocks (production: 120 s visibility, 10 receives, 120 s consumer timeout, 5 s window),
    /// so that a retry and a trip to the DLQ happen within a minute of wall time.
    package static func shortenTimings(_ stack: inout StackTopology) {
        for index in stack.queues.indices where stack.queues[index].redrive != nil {
            stack.queues[index].attributes["VisibilityTimeout"] = "8"
            stack.queues[index].attributes["ReceiveMessageWaitTimeSeconds"] = "1"
            stack.queues[index].redrive?.maxReceiveCount = 3
        }
        for index in stack.functions.indices where stack.functions[index].name.hasSuffix("consumer") {
            stack.functions[index].timeout = 5
        }
        for index in stack.eventSourceMappings.indices {
            stack.eventSourceMappings[index].maximumBatchingWindow = 1
        }
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
        let files = try FileManager.default.contentsOfDirectory(
            atPath: fixtures.appendingPathComponent("webhooks").path
        )
        .filter { $0.hasSuffix(".json") }.sorted()

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
        let first = await waitUntil(seconds: 60) { asana.snapshot.tasks.count >= files.count }
        check(
            "\(files.count) tasks created for \(files.count) alerts",
            first && asana.snapshot.tasks.count == files.count
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
        say(
            "   3 new alerts sent; the failed record returns after the visibility timeout (8 s here, 155 s in production)"
        )
        let second = await waitUntil(seconds: 60) { asana.snapshot.tasks.count >= before + 3 }
        let failures = pipeline.stubs.asanaServer.faults.rules.first { $0.id == failOnce }?.applied ?? 0
        _ = pipeline.stubs.asanaServer.faults.remove(id: failOnce)
        check(
            "all 3 tasks created, one of them on the retry after Asana's 500 (\(failures) failure injected)",
            second && failures == 1 && asana.snapshot.tasks.count == before + 3
        )

        // Act 3: Asana down for good → the DLQ after maxReceiveCount deliveries → re-driven after the fix.
        say("\n3. Asana down: a message that cannot succeed goes to the DLQ, then is re-driven")
        let down = pipeline.stubs.asanaServer.faults.add(
            FaultSpec(method: "POST", path: "/api/1.0/tasks", kind: .status, status: 503)
        )
        let beforeOutage = asana.snapshot.tasks.count
        let lost = try Self.freshAlert(Data(contentsOf: fixtures.appendingPathComponent("webhooks/\(files[0])")))
        _ = await sender.send(lost, to: webhook)
        let dlq = pipeline.stack.queues.first { $0.redrive == nil }?.name ?? "sentry-asana-message-queue-dlq"
        let maxReceives = pipeline.stack.queues.first { $0.redrive != nil }?.redrive?.maxReceiveCount ?? 10
        let deadLettered = await waitUntil(seconds: 90) {
            (pipeline.emulator.sqs.inspectMessages(dlq) ?? []).count == 1
        }
        let receiveCount = (pipeline.emulator.sqs.inspectMessages(dlq)?.first?["receiveCount"] as? Int) ?? 0
        check(
            "in the DLQ after \(maxReceives) deliveries (receive count \(receiveCount); production: 10)",
            deadLettered && receiveCount == maxReceives
        )
        _ = pipeline.stubs.asanaServer.faults.remove(id: down)
        say("   fault lifted; re-driving the DLQ (StartMessageMoveTask)")
        try await redrive(dlq: dlq)
        let redriven = await waitUntil(seconds: 60) { asana.snapshot.tasks.count == beforeOutage + 1 }
        check("exactly one task after the re-drive", redriven && asana.snapshot.tasks.count == beforeOutage + 1)

        let passed = checks.filter(\.1).count
        say(
            "\nSummary: \(passed) of \(checks.count) expectations held; \(asana.snapshot.tasks.count) tasks in the Asana stub."
        )
        return passed == checks.count
    }

    /// Waits (bounded) for `condition`, polling every 100 ms.
    func waitUntil(seconds: Int, _ condition: @Sendable () -> Bool) async -> Bool {
        for _ in 0..<(seconds * 10) {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return condition()
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
