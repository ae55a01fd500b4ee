import Foundation
import LambdaEvents
import Testing

@testable import Emulator

@Suite("SQS event source mapping runner with real bootstraps", .serialized)
struct SQSEventSourceMappingRunnerTests {
    func run(
        mode: String,
        environment: [String: String] = [:],
        report: Bool = true,
        messages: [String],
        until condition: @escaping @Sendable (FakeMappingQueue, SQSEventSourceMappingRunner) async -> Bool
    ) async throws -> (FakeMappingQueue, SQSEventSourceMappingRunner) {
        let queue = FakeMappingQueue(messages: messages.map { message($0) }, visibility: 3)
        let function = try behaviourFunction(mode, timeout: 5, environment: environment)
        return try await withHost(function) { host in
            let settings = SQSEventSourceMappingSettings(
                functionName: "fn",
                eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:q",
                batchSize: 10,
                reportBatchItemFailures: report,
                maximumConcurrency: 2
            )
            let runner = SQSEventSourceMappingRunner(settings: settings, queue: queue, function: host)
            try await runner.start()
            let done = await eventually(10) { await condition(queue, runner) }
            await runner.stop()
            #expect(done, "the mapping did not reach the expected state in time")
            return (queue, runner)
        }
    }

    @Test("partial failure: the reported record stays, every other record is deleted")
    func partialFailure() async throws {
        let (queue, runner) = try await run(
            mode: "batch-failures",
            environment: ["TEST_BOOTSTRAP_FAILURES": "m2"],
            messages: ["m1", "m2", "m3"],
            until: { _, runner in await runner.results.count >= 1 }
        )
        #expect(await queue.deleted.sorted() == ["rh-m1", "rh-m3"])
        #expect(await queue.inFlightIDs == ["m2"])
        #expect(await runner.results.first?.reason == .partialFailure)
        #expect(await queue.visibilities.first == 35, "window 0 + timeout 5 > visibility 3, so 0 + 5 + 30")
    }

    @Test("a malformed batch response or a crash deletes nothing")
    func nothingDeleted() async throws {
        for mode in ["malformed-batch", "crash"] {
            let (queue, _) = try await run(
                mode: mode,
                messages: ["m1", "m2"],
                until: { _, runner in await runner.results.count >= 1 }
            )
            #expect(await queue.deleted.isEmpty, "mode \(mode)")
            #expect(await queue.inFlightIDs == ["m1", "m2"], "mode \(mode)")
        }
    }

    @Test("success deletes the whole batch; a backlog is drained in batches of at most BatchSize")
    func drain() async throws {
        let ids = (0..<25).map { "m\($0)" }
        let (queue, runner) = try await run(
            mode: "echo",
            messages: ids,
            until: { queue, _ in await queue.deleted.count == 25 }
        )
        #expect(await queue.inFlightIDs.isEmpty)
        #expect(await runner.invocations >= 3)
    }
}
