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
            store: InMemoryEmulatorStore(), clock: SystemEmulatorClock(), notifier: ChangeNotifier(),
            accountID: "000000000000", region: "us-east-1", logger: Logger(label: "test"))
    }

    func counts(_ sqs: SQSService, _ url: String) async throws -> (visible: Int, inFlight: Int) {
        let output = try await sqs.handle(
            "GetQueueAttributes", JSONInput(["QueueUrl": url, "AttributeNames": ["All"]]), caller: caller)
        let attributes = output["Attributes"] as? [String: String] ?? [:]
        return (
            Int(attributes["ApproximateNumberOfMessages"] ?? "") ?? -1,
            Int(attributes["ApproximateNumberOfMessagesNotVisible"] ?? "") ?? -1
        )
    }

    func run(mode: String, until condition: @escaping @Sendable (SQSService, String, Int) async throws -> Bool)
        async throws
        -> (SQSService, String)
    {
        let sqs = makeSQS()
        let created = try await sqs.handle(
            "CreateQueue", JSONInput(["QueueName": "alerts", "Attributes": ["VisibilityTimeout": "30"]]), caller: caller)
        let url = try #require(created["QueueUrl"] as? String)
        for n in 0..<3 {
            _ = try await sqs.handle("SendMessage", JSONInput(["QueueUrl": url, "MessageBody": "alert \(n)"]), caller: caller)
        }
        let functions = LambdaFunctionRegistry()
        await functions.register(try behaviourFunction(mode, name: "consumer"))
        let mappings = SQSEventSourceMappingRegistry(
            functions: functions, queues: SQSServiceMappingQueueProvider(sqs: sqs, region: "us-east-1"))
        let response = try await mappings.create(
            SQSEventSourceMappingSettings(
                functionName: "consumer", eventSourceARN: sqs.arn("alerts"), reportBatchItemFailures: true))
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
