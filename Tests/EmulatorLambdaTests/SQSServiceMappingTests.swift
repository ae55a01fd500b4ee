import Foundation
import Logging
import Testing

@testable import Emulator

/// The mapping against the emulator's real SQS engine, through `SQSServiceMappingQueue`.
@Suite("Event source mapping over the emulator's SQS", .serialized)
struct SQSServiceMappingTests {
    let caller = CallerContext(host: "localhost", accessKeyID: "test", region: "us-east-1")

    func makeSQS() -> SQSService {
        SQSService(
            store: InMemoryEmulatorStore(),
            clock: SystemEmulatorClock(),
            notifier: ChangeNotifier(),
            accountID: "000000000000",
            region: "us-east-1",
            logger: Logger(label: "test")
        )
    }

    func counts(_ sqs: SQSService, _ url: String) async throws -> (visible: Int, inFlight: Int) {
        let output = try await sqs.handle(
            "GetQueueAttributes",
            JSONInput(["QueueUrl": url, "AttributeNames": ["All"]]),
            caller: caller
        )
        let attributes = output["Attributes"] as? [String: String] ?? [:]
        return (
            Int(attributes["ApproximateNumberOfMessages"] ?? "") ?? -1,
            Int(attributes["ApproximateNumberOfMessagesNotVisible"] ?? "") ?? -1
        )
    }

    func run(
        mode: String,
        until condition: @escaping @Sendable (SQSService, String, Int) async throws -> Bool
    )
        async throws
        -> (SQSService, String)
    {
        let sqs = makeSQS()
        let created = try await sqs.handle(
            "CreateQueue",
            JSONInput(["QueueName": "alerts", "Attributes": ["VisibilityTimeout": "30"]]),
            caller: caller
        )
        let url = try #require(created["QueueUrl"] as? String)
        for n in 0..<3 {
            _ = try await sqs.handle(
                "SendMessage",
                JSONInput(["QueueUrl": url, "MessageBody": "alert \(n)"]),
                caller: caller
            )
        }
        let functions = LambdaFunctionRegistry()
        await functions.register(try behaviourFunction(mode, name: "consumer"))
        let mappings = SQSEventSourceMappingRegistry(
            functions: functions,
            queues: SQSServiceMappingQueueProvider(sqs: sqs, region: "us-east-1")
        )
        let response = try await mappings.create(
            SQSEventSourceMappingSettings(
                functionName: "consumer",
                eventSourceARN: sqs.arn("alerts"),
                reportBatchItemFailures: true
            )
        )
        #expect(response.status == 202)
        let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        let uuid = try #require(object?["UUID"] as? String)
        let reached = await eventually(10) {
            let batches = await mappings.runner(uuid)?.results.count ?? 0
            return (try? await condition(sqs, url, batches)) ?? false
        }
        await mappings.shutdown()
        await functions.shutdown()
        #expect(reached, "the queue did not reach the expected state")
        return (sqs, url)
    }

    @Test("a succeeding function empties the queue")
    func drains() async throws {
        let (sqs, url) = try await run(mode: "echo") { sqs, url, _ in
            let (visible, inFlight) = try await counts(sqs, url)
            return visible == 0 && inFlight == 0
        }
        #expect(try await counts(sqs, url) == (0, 0))
    }

    @Test("a failing function deletes nothing: the messages stay in flight until their visibility timeout")
    func failureKeepsMessages() async throws {
        let (sqs, url) = try await run(mode: "error") { sqs, url, batches in
            guard batches >= 1 else { return false }
            return try await counts(sqs, url).inFlight == 3
        }
        #expect(try await counts(sqs, url) == (0, 3))
    }
}

@Suite("Effective visibility over the emulator's SQS on the virtual clock", .serialized)
struct EffectiveVisibilityTests {
    @Test("production's numbers (5 s window, 120 s timeout, 120 s visibility): a failed batch comes back after 155 s")
    func retriedAfter155Seconds() async throws {
        let virtual = VirtualEmulatorClock()
        let notifier = ChangeNotifier()
        virtual.whenAdvanced { notifier.notify() }
        let sqs = SQSService(
            store: InMemoryEmulatorStore(),
            clock: virtual,
            notifier: notifier,
            accountID: "000000000000",
            region: "us-east-1",
            logger: Logger(label: "test")
        )
        let caller = CallerContext(host: "localhost", accessKeyID: "test", region: "us-east-1")
        let created = try await sqs.handle(
            "CreateQueue",
            JSONInput(["QueueName": "alerts", "Attributes": ["VisibilityTimeout": "120"]]),
            caller: caller
        )
        let url = try #require(created["QueueUrl"] as? String)
        _ = try await sqs.handle("SendMessage", JSONInput(["QueueUrl": url, "MessageBody": "alert"]), caller: caller)
        let clock = EmulatorLambdaClock(virtual)
        let functions = LambdaFunctionRegistry(clock: clock)
        await functions.register(try behaviourFunction("error", name: "consumer", timeout: 120))
        let mappings = SQSEventSourceMappingRegistry(
            functions: functions,
            queues: SQSServiceMappingQueueProvider(sqs: sqs, region: "us-east-1"),
            clock: clock
        )
        let response = try await mappings.create(
            SQSEventSourceMappingSettings(
                functionName: "consumer",
                eventSourceARN: sqs.arn("alerts"),
                batchSize: 10,
                maximumBatchingWindowInSeconds: 5,
                reportBatchItemFailures: true
            )
        )
        let uuid = try #require(
            (try JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["UUID"] as? String
        )
        let runner = try #require(await mappings.runner(uuid))
        do {
            // The message is taken at once; the batch goes out when the 5 s window has passed. The window opens
            // when the poller has the message, which may be just after the test sees it in flight: advance in
            // 5 s steps (at most three) and count them.
            #expect(await eventually { (try? await SQSServiceMappingTests().counts(sqs, url).inFlight) == 1 })
            var elapsed = 0.0
            for _ in 0..<3 where await runner.invocations == 0 {
                try virtual.advance(by: 5)
                elapsed += 5
                _ = await eventually(2) { await runner.invocations == 1 }
            }
            #expect(await runner.invocations == 1)
            #expect(await runner.results.first?.reason == .functionError("TestError"))
            // Received at 0 s with visibility 5 + 120 + 30 = 155 s: still hidden at 154 s.
            try virtual.advance(by: 154 - elapsed)
            try await Task.sleep(nanoseconds: 200_000_000)
            #expect(try await SQSServiceMappingTests().counts(sqs, url).inFlight == 1)
            #expect(await runner.invocations == 1, "not retried before 155 s")
            #expect(
                sqs.inspectMessages("alerts")?.first?["receiveCount"] as? Int == 1,
                "not even received again: a 120 s visibility would have let the pollers take it at 125 s"
            )
            try virtual.advance(by: 2)
            for _ in 0..<3 where await runner.invocations < 2 {
                _ = await eventually(2) { sqs.inspectMessages("alerts")?.first?["receiveCount"] as? Int == 2 }
                try virtual.advance(by: 5)
                _ = await eventually(2) { await runner.invocations == 2 }
            }
            #expect(await runner.invocations == 2, "retried once the 155 s visibility passed")
            #expect(sqs.inspectMessages("alerts")?.first?["receiveCount"] as? Int == 2)
        } catch {
            await mappings.shutdown()
            await functions.shutdown()
            throw error
        }
        await mappings.shutdown()
        await functions.shutdown()
    }
}
