import Foundation
import TestSupport
import Testing
import Topology

@Suite struct StackTopologyTests {
    static let stackPath = ChildProcess.packageRoot.appendingPathComponent("emulator/stack.yaml").path

    @Test func theShippedStackHasProductionsNamesAndNumbers() throws {
        let stack = try StackTopology.load(from: Self.stackPath)
        let queue = try #require(stack.queue(named: "sentry-asana-queue"))
        #expect(queue.attributes["VisibilityTimeout"] == "120")
        #expect(queue.attributes["ReceiveMessageWaitTimeSeconds"] == "10")
        #expect(queue.attributes["MessageRetentionPeriod"] == "1209600")
        #expect(queue.redrive == .init(deadLetterQueue: "sentry-asana-dlq", maxReceiveCount: 10))
        #expect(stack.queue(named: "sentry-asana-dlq")?.attributes["MessageRetentionPeriod"] == "1209600")

        let mapping = try #require(stack.eventSourceMappings.first)
        #expect(mapping.batchSize == 10)
        #expect(mapping.maximumBatchingWindow == 5)
        #expect(mapping.reportsBatchItemFailures)
        #expect(stack.function(named: mapping.function)?.timeout == 120)
        #expect(stack.function(named: "sentry-asana-producer")?.functionURL == true)

        let secret = try #require(stack.secrets.first)
        #expect(secret.name == "Sentry_Asana_Secrets")
        let values = try JSONDecoder().decode([String: String].self, from: Data(secret.secretString.utf8))
        #expect(Set(values.keys) == ["SENTRY_CLIENT_SECRET", "ASANA_PAT", "SENTRY_PAT"])

        #expect(stack.alarms.map(\.name).contains("sentry-asana-dlq-not-empty"))
        #expect(stack.alarms.first { $0.metric == "Errors" }?.comparison.breaches(1, threshold: 1) == true)
    }

    @Test func leftOutSettingsTakeLambdasDefaults() throws {
        let stack = try StackTopology.parse(
            """
            queues: [{name: q}]
            functions: [{name: f, executable: consumer}]
            event_source_mappings: [{function: f, queue: q}]
            """
        )
        #expect(stack.accountID == "000000000000")
        #expect(stack.region == "us-east-1")
        #expect(stack.functions[0].timeout == 3)
        #expect(stack.eventSourceMappings[0].batchSize == 10)
        #expect(stack.eventSourceMappings[0].maximumBatchingWindow == 0)
        #expect(!stack.eventSourceMappings[0].reportsBatchItemFailures)
    }

    @Test(arguments: [
        ("queues: [{name: q, redrive: {dead_letter_queue: missing, max_receive_count: 3}}]", "not declared"),
        ("queues: [{name: q}, {name: q}]", "declared twice"),
        ("queues: [{name: q.fifo, redrive: {dead_letter_queue: d, max_receive_count: 3}}, {name: d}]", "FIFO"),
        ("functions: [{name: f, executable: x, timeout: 901}]", "timeout must be 1 to 900"),
        ("queues: [{name: q}]\nevent_source_mappings: [{function: nope, queue: q}]", "function 'nope'"),
        (
            "queues: [{name: q}]\nfunctions: [{name: f, executable: x}]\nevent_source_mappings: [{function: f, queue: q, batch_size: 11}]",
            "batch_size must be 1 to 10"
        ),
        ("functions: [{name: f}]", "missing 'executable'"),
        ("queues: {name: q}", "queues"),
    ])
    func aBrokenStackIsRefusedWithAMessageThatSaysWhy(yaml: String, expected: String) {
        #expect {
            _ = try StackTopology.parse(yaml)
        } throws: { error in
            (error as? TopologyError)?.message.contains(expected) == true
        }
    }

    @Test func placeholdersAreFilledAndUnknownOnesAreErrors() throws {
        let values = TemplateValues(values: ["asana_url": "http://127.0.0.1:9000/api/1.0"]) { name in
            name == "q" ? "http://127.0.0.1:4566/000000000000/q" : nil
        }
        #expect(try values.fill("{{asana_url}}/tasks") == "http://127.0.0.1:9000/api/1.0/tasks")
        #expect(try values.fill("{{ queue_url:q }}") == "http://127.0.0.1:4566/000000000000/q")
        #expect(try values.fill("plain") == "plain")
        #expect(throws: TopologyError.self) { try values.fill("{{sentry_ur}}") }
        #expect(throws: TopologyError.self) { try values.fill("{{queue_url:other}}") }
        #expect(throws: TopologyError.self) { try values.fill("{{asana_url") }
    }
}
