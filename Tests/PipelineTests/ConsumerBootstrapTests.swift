import AWSClient
import Foundation
import TestSupport
import Testing
import Topology

@testable import Stubs

/// The real `consumer` executable against the emulator's SQS and Secrets Manager, the Asana and Sentry stubs
/// seeded from `fixtures/`, and an in-test Runtime API delivering SQS events as the event source mapping does.
@Suite(.serialized) struct ConsumerBootstrapTests {
    static let fixtures = ChildProcess.packageRoot.appendingPathComponent("fixtures")

    static func record(id: String, body: String, receiveCount: Int = 1) -> [String: Any] {
        [
            "messageId": id, "receiptHandle": "handle-\(id)", "body": body,
            "attributes": [
                "ApproximateReceiveCount": String(receiveCount), "SentTimestamp": "1795935600000",
                "SenderId": "000000000000", "ApproximateFirstReceiveTimestamp": "1795935600001",
            ],
            "messageAttributes": [
                "resource": [
                    "stringValue": "event_alert", "stringListValues": [], "binaryListValues": [], "dataType": "String",
                ]
            ],
            "md5OfBody": SQSChecksum.body(body), "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-1:000000000000:sentry-asana-message-queue", "awsRegion": "us-east-1",
        ]
    }

    static func event(_ records: [[String: Any]]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: ["Records": records]), as: UTF8.self)
    }

    static func webhook(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent("webhooks/\(name).json"), encoding: .utf8)
            .trimmingCharacters(in: .newlines)
    }

    @Test func aBatchBecomesTasksPoisonGoesToTheDLQAndRedeliveryCreatesNoDuplicate() async throws {
        try await LocalStack.with { stack in
            let secrets = try #require(stack.stack.secrets.first).secretString
            let values = try JSONDecoder().decode([String: String].self, from: Data(secrets.utf8))
            let stubs = try StubStack(
                seed: Self.fixtures,
                asanaToken: values["ASANA_PAT"]!,
                sentryToken: values["SENTRY_PAT"]!
            )
            try await stubs.withRunning { asanaURL, sentryURL in
                let runtime = FakeRuntimeAPI()
                try await withTestServer(runtime.router()) { runtimeURL in
                    let function = try #require(stack.stack.function(named: "sentry-asana-consumer"))
                    let template = TemplateValues(
                        values: [
                            "asana_url": asanaURL.appendingPathComponent("api/1.0").absoluteString,
                            "sentry_url": sentryURL.absoluteString, "aws_endpoint": stack.endpoint,
                            "repo": ChildProcess.packageRoot.path,
                        ],
                        queueURL: { stack.queueURLs[$0] }
                    )
                    var environment = stack.awsEnvironment.merging(try template.environment(of: function)) { $1 }
                    environment["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:\(runtimeURL.port!)"
                    environment["AWS_LAMBDA_FUNCTION_NAME"] = function.name
                    let consumer = try BackgroundProcess(
                        executable: BackgroundProcess.productsFolder.appendingPathComponent("consumer"),
                        environment: environment
                    )
                    defer { consumer.stop() }

                    let batch = try Self.event([
                        Self.record(id: "m-1", body: try Self.webhook("event_alert-python-prod-core-infra")),
                        Self.record(id: "m-2", body: try Self.webhook("event_alert-node-staging-ingestion")),
                        Self.record(id: "m-3", body: "this is not json"),
                    ])
                    await runtime.enqueue(requestID: "first", body: batch)
                    await runtime.enqueue(requestID: "redelivery", body: batch)
                    for _ in 0..<3_000 {
                        if await runtime.posts(pathSuffix: "/response").count
                            + runtime.posts(pathSuffix: "/error").count >= 2
                        {
                            break
                        }
                        if !consumer.isRunning { break }
                        try await Task.sleep(for: .milliseconds(10))
                    }
                    let responses = await runtime.posts(pathSuffix: "/response")
                    #expect(await runtime.posts(pathSuffix: "/error").isEmpty)
                    try #require(responses.count == 2, "consumer output:\n\(consumer.output)")
                    for response in responses {
                        let failures = try #require(response.json?["batchItemFailures"] as? [Any])
                        #expect(
                            failures.isEmpty,
                            "every record succeeded or was dead-lettered: \(response.json ?? [:])"
                        )
                    }

                    // One task per alert, even though the batch came twice.
                    let tasks = stubs.asana.snapshot.tasks.values
                    // Routed by config/routing.yaml: prod error (panther-cfn-custom-resources, Productivity) → the
                    // team's newest live sprint project; staging (panther-log-processor, Ingestion) → the team's
                    // sprint project and the release-testing portfolio's newest project.
                    let projects = Set(tasks.map { Set($0.projects) })
                    #expect(projects == [["13000000000542"], ["13000000000142", "1300000000000011"]])
                    #expect(tasks.count == 2, "tasks: \(tasks.map(\.name))\nconsumer output:\n\(consumer.output)")

                    // The poison record went to the DLQ with its reason (twice: once per delivery).
                    let dlqURL = try #require(stack.queueURLs["sentry-asana-message-queue-dlq"])
                    let dead = try await stack.sqsClient().receiveMessage(
                        queueURL: dlqURL,
                        maxNumberOfMessages: 10,
                        messageAttributeNames: ["All"],
                        deadline: AWSDeadline.after(.seconds(5))
                    )
                    #expect(dead.count == 2)
                    #expect(dead.allSatisfy { $0.body == "this is not json" })
                    #expect(dead.allSatisfy { $0.messageAttributes["DeadLetterReason"]?.stringValue?.isEmpty == false })

                    // The stubs' journals of this real consumer run: two creations, each checked for duplicates
                    // first, each linked back to Sentry; no token is ever written to the journal.
                    let asanaCalls = stubs.asanaServer.journal.entries()
                    let sentryCalls = stubs.sentryServer.journal.entries()
                    let created = asanaCalls.filter { $0.method == "POST" && $0.path == "/api/1.0/tasks" }
                    #expect(created.count == 2 && created.allSatisfy { $0.status == 201 })
                    #expect(asanaCalls.contains { $0.method == "GET" && $0.path.hasPrefix("/api/1.0/portfolios/") })
                    #expect(asanaCalls.contains { $0.method == "GET" && $0.path == "/api/1.0/tasks" })
                    let links = sentryCalls.filter {
                        $0.method == "POST" && $0.path.hasPrefix("/api/0/sentry-app-installations/")
                    }
                    #expect(links.count == 2 && links.allSatisfy { (200..<300).contains($0.status) })
                    #expect(sentryCalls.contains { $0.method == "GET" && $0.path.contains("/issues/") })
                    let journaled = (asanaCalls + sentryCalls).flatMap(\.headers).filter {
                        $0.name.lowercased() == "authorization"
                    }
                    #expect(!journaled.isEmpty && journaled.allSatisfy { !$0.value.contains(values["ASANA_PAT"]!) })
                    #expect(journaled.allSatisfy { !$0.value.contains(values["SENTRY_PAT"]!) })

                    consumer.stop()
                    await runtime.stop()
                }
            }
        }
    }
}
