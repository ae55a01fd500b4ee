import Foundation
import Hummingbird
import TestSupport
import Testing

@testable import Emulator

/// `aws lambda …-event-source-mapping(s)` against the routes, with an in-memory queue behind the ARN.
@Suite("Event source mapping API with the AWS CLI", .serialized)
struct EventSourceMappingAPITests {
    let queueARN = "arn:aws:sqs:us-east-1:000000000000:alerts"

    func aws(_ endpoint: URL, _ arguments: [String]) async throws -> (ChildProcess.Output, [String: Any]) {
        let environment = [
            "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_PAGER": "", "AWS_MAX_ATTEMPTS": "1",
        ]
        let all = ["--endpoint-url", endpoint.absoluteString, "--output", "json", "lambda"] + arguments
        let output = try await ChildProcess.run("aws", all, environment: environment, timeout: 60)
        let object = (try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8))) as? [String: Any] ?? [:]
        return (output, object)
    }

    @Test("create, list, get, disable and delete a mapping; it drains the queue while enabled; bad input is refused")
    func lifecycle() async throws {
        let queue = FakeMappingQueue(messages: ["m1", "m2", "m3"].map { message($0) }, visibility: 30)
        let functions = LambdaFunctionRegistry()
        await functions.register(try behaviourFunction("echo", name: "consumer"))
        let mappings = SQSEventSourceMappingRegistry(
            functions: functions,
            queues: FakeQueueProvider(queues: [queueARN: queue])
        )
        do {
            try await withTestServer(lambdaAPIRouter(LambdaAPIDispatcher(functions: functions, mappings: mappings))) {
                endpoint in
                let (created, mapping) = try await aws(
                    endpoint,
                    [
                        "create-event-source-mapping", "--function-name", "consumer", "--event-source-arn", queueARN,
                        "--batch-size", "10", "--maximum-batching-window-in-seconds", "0",
                        "--function-response-types", "ReportBatchItemFailures", "--scaling-config",
                        "MaximumConcurrency=2",
                    ]
                )
                try #require(created.status == 0, "create failed: \(created.stderr)")
                let uuid = try #require(mapping["UUID"] as? String)
                #expect(mapping["FunctionArn"] as? String == "arn:aws:lambda:us-east-1:000000000000:function:consumer")
                #expect(mapping["FunctionResponseTypes"] as? [String] == ["ReportBatchItemFailures"])
                #expect((mapping["ScalingConfig"] as? [String: Int])?["MaximumConcurrency"] == 2)
                #expect(await eventually(10) { await queue.deleted.count == 3 }, "the enabled mapping drains the queue")

                let (listed, list) = try await aws(
                    endpoint,
                    ["list-event-source-mappings", "--function-name", "consumer"]
                )
                try #require(listed.status == 0, "list failed: \(listed.stderr)")
                let all = try #require(list["EventSourceMappings"] as? [[String: Any]])
                #expect(all.compactMap { $0["UUID"] as? String } == [uuid])
                #expect(all.first?["State"] as? String == "Enabled")

                let (duplicate, _) = try await aws(
                    endpoint,
                    ["create-event-source-mapping", "--function-name", "consumer", "--event-source-arn", queueARN]
                )
                #expect(duplicate.status != 0 && duplicate.stderr.contains("ResourceConflictException"))
                let (noQueue, _) = try await aws(
                    endpoint,
                    [
                        "create-event-source-mapping", "--function-name", "consumer", "--event-source-arn",
                        "arn:aws:sqs:us-east-1:000000000000:nope",
                    ]
                )
                #expect(noQueue.status != 0 && noQueue.stderr.contains("InvalidParameterValueException"))
                let (bigBatch, _) = try await aws(
                    endpoint,
                    ["update-event-source-mapping", "--uuid", uuid, "--batch-size", "11"]
                )
                #expect(bigBatch.status != 0 && bigBatch.stderr.contains("Maximum batch window in seconds"))

                let (disabled, _) = try await aws(
                    endpoint,
                    ["update-event-source-mapping", "--uuid", uuid, "--no-enabled"]
                )
                try #require(disabled.status == 0, "update failed: \(disabled.stderr)")
                let (got, state) = try await aws(endpoint, ["get-event-source-mapping", "--uuid", uuid])
                try #require(got.status == 0, "get failed: \(got.stderr)")
                #expect(state["State"] as? String == "Disabled")
                #expect(await mappings.runner(uuid) == nil, "a disabled mapping does not poll")

                let (deleted, _) = try await aws(endpoint, ["delete-event-source-mapping", "--uuid", uuid])
                try #require(deleted.status == 0, "delete failed: \(deleted.stderr)")
                let (missing, _) = try await aws(endpoint, ["get-event-source-mapping", "--uuid", uuid])
                #expect(missing.status != 0 && missing.stderr.contains("ResourceNotFoundException"))
            }
        } catch {
            await mappings.shutdown()
            await functions.shutdown()
            throw error
        }
        await mappings.shutdown()
        await functions.shutdown()
    }
}
