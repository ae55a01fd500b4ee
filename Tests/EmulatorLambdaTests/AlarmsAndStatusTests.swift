import Foundation
import Testing
import Topology

@testable import Emulator

/// `GET /_devstack/alarms` and `GET /_devstack/status` on an emulator that loaded a stack: the alarms start OK,
/// a function error puts the Errors alarm in ALARM (a successful invocation does not), a message in the DLQ puts
/// the DLQ alarm in ALARM; status lists functions, queue depths and the same alarm states.
@Suite("Alarms and status of a loaded stack", .serialized)
struct AlarmsAndStatusTests {
    func stack() throws -> StackTopology {
        var stack = try behavioursStack()
        stack.eventSourceMappings = []
        stack.alarms = [
            AlarmDefinition(
                name: "failing-errors",
                namespace: "AWS/Lambda",
                metric: "Errors",
                dimensions: ["FunctionName": "failing"],
                threshold: 1,
                comparison: .greaterThanOrEqualToThreshold
            ),
            AlarmDefinition(
                name: "echo-errors",
                namespace: "AWS/Lambda",
                metric: "Errors",
                dimensions: ["FunctionName": "echo"],
                threshold: 1,
                comparison: .greaterThanOrEqualToThreshold
            ),
            AlarmDefinition(
                name: "dlq-not-empty",
                namespace: "AWS/SQS",
                metric: "ApproximateNumberOfMessagesVisible",
                dimensions: ["QueueName": "work-dlq"],
                statistic: "Maximum",
                threshold: 0,
                comparison: .greaterThanThreshold
            ),
        ]
        return stack
    }

    func states(_ emulator: Emulator) async throws -> [String: String] {
        let answer = await call(emulator, "GET", "/_devstack/alarms")
        #expect(answer.status == 200)
        let alarms = try #require(answer.json["alarms"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: alarms.map { ($0["name"] as! String, $0["state"] as! String) })
    }

    @Test("errors and the DLQ move their alarms to ALARM; status shows functions, queues and alarms")
    func alarmsFollowTheNumbers() async throws {
        let stack = try stack()
        try await withEmulatorServer(acceptAnySignature: true) { server in
            let emulator = server.emulator
            _ = try await server.loadStack(stack, options: StackLoadOptions(productsFolder: "/nonexistent"))
            let before = try await states(emulator)
            // No invocation yet: Lambda has published no Errors datapoint, and with missing data treated as
            // missing an alarm has insufficient data, as a new CloudWatch alarm does.
            #expect(
                before == [
                    "failing-errors": "INSUFFICIENT_DATA", "echo-errors": "INSUFFICIENT_DATA", "dlq-not-empty": "OK",
                ]
            )

            let failed = await call(emulator, "POST", "/2015-03-31/functions/failing/invocations", body: "{}")
            #expect(failed.response.headers.contains { $0.name.lowercased() == "x-amz-function-error" })
            let succeeded = await call(emulator, "POST", "/2015-03-31/functions/echo/invocations", body: "{}")
            #expect(succeeded.status == 200)
            let afterError = try await states(emulator)
            #expect(afterError == ["failing-errors": "ALARM", "echo-errors": "OK", "dlq-not-empty": "OK"])

            let dlq = try #require(await sqs(emulator, "GetQueueUrl", ["QueueName": "work-dlq"])["QueueUrl"] as? String)
            _ = await sqs(emulator, "SendMessage", ["QueueUrl": dlq, "MessageBody": "dead"])
            let afterDLQ = try await states(emulator)
            #expect(afterDLQ["dlq-not-empty"] == "ALARM")

            let status = await call(emulator, "GET", "/_devstack/status")
            #expect(status.status == 200)
            let functions = try #require(status.json["functions"] as? [[String: Any]])
            let failing = try #require(functions.first { $0["name"] as? String == "failing" })
            #expect(failing["errors"] as? Int == 1)
            let queues = try #require(status.json["queues"] as? [[String: Any]])
            #expect(queues.first { $0["name"] as? String == "work-dlq" }?["visible"] as? Int == 1)
            #expect((status.json["alarms"] as? [[String: Any]])?.count == 3)
        }
    }

    @Test("an emulator without a stack has no alarms, and says so with an empty list")
    func noStackNoAlarms() async throws {
        try await withEmulatorServer { server in
            let alarms = try await states(server.emulator)
            #expect(alarms.isEmpty)
        }
    }
}
