import Foundation
import TestSupport
import Testing
import Topology

@Suite struct StackTopologyTests {
    static let stackPath = ChildProcess.packageRoot.appendingPathComponent("emulator/stack.yaml").path

    @Test func theShippedStackHasProductionsNamesAndNumbers() throws {
        let stack = try StackTopology.load(from: Self.stackPath)
        let queue = try #require(stack.queue(named: "sentry-asana-message-queue"))
        #expect(queue.attributes["VisibilityTimeout"] == "120")
        #expect(queue.attributes["ReceiveMessageWaitTimeSeconds"] == "10")
        #expect(queue.attributes["MessageRetentionPeriod"] == "1209600")
        #expect(queue.redrive == .init(deadLetterQueue: "sentry-asana-message-queue-dlq", maxReceiveCount: 10))
        #expect(stack.queue(named: "sentry-asana-message-queue-dlq")?.attributes["MessageRetentionPeriod"] == "1209600")

        let mapping = try #require(stack.eventSourceMappings.first)
        #expect(mapping.batchSize == 10)
        #expect(mapping.maximumBatchingWindow == 5)
        #expect(mapping.reportsBatchItemFailures)
        #expect(stack.function(named: mapping.function)?.timeout == 120)
        #expect(stack.function(named: "sentry-asana-producer")?.functionURL == true)
        #expect(stack.function(named: "sentry-asana-producer")?.timeout == 120)
        #expect(stack.functions.allSatisfy { $0.memory == 128 && $0.reservedConcurrency == nil })
        #expect(stack.function(named: "sentry-asana-consumer")?.environment["SENTRY_ORG"] == "example-corp")
        #expect(mapping.maximumConcurrency == 5)

        let secret = try #require(stack.secrets.first)
        #expect(secret.name == "Sentry_Asana_Secrets")
        let values = try JSONDecoder().decode([String: String].self, from: Data(secret.secretString.utf8))
        #expect(Set(values.keys) == ["SENTRY_CLIENT_SECRET", "ASANA_PAT", "SENTRY_PAT"])

        #expect(stack.alarms.map(\.name).contains("sentry-asana-dlq-messages"))
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

    // MARK: The shared topology (config/topology.yaml), which production reads too

    /// A stack file and a shared topology in a temporary folder, loaded as `devstack` loads them.
    static func load(stack: String, shared: String) throws -> StackTopology {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("topology-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(shared.utf8).write(to: folder.appendingPathComponent("shared.yaml"))
        try Data(("topology: shared.yaml\n" + stack).utf8).write(to: folder.appendingPathComponent("stack.yaml"))
        return try StackTopology.load(from: folder.appendingPathComponent("stack.yaml").path)
    }

    static let shared = """
        queues:
          - {name: dlq, attributes: {MessageRetentionPeriod: 1209600}}
          - {name: q, attributes: {VisibilityTimeout: 120}, redrive: {dead_letter_queue: dlq, max_receive_count: 10}}
        secrets:
          - {name: s, keys: [A, B]}
        functions:
          - name: f
            timeout: 120
            environment: {QUEUE_URL: "{{queue_url:q}}"}
            environment_per_world: [ORG]
        event_source_mappings:
          - {function: f, queue: q, batch_size: 10}
        alarms:
          - {name: a, namespace: AWS/SQS, metric: ApproximateNumberOfMessagesVisible, dimensions: {QueueName: dlq},
             period: 300, evaluation_periods: 1, threshold: 0, comparison: GreaterThanThreshold,
             treat_missing_data: notBreaching}
        """

    static let local = """
        secrets:
          - {name: s, value: {A: a, B: b}}
        functions:
          - {name: f, executable: consumer, environment: {ORG: example, ASANA_BASE_URL: "http://127.0.0.1:1"}}
        """

    @Test func theStackAddsLocalFactsToTheSharedTopology() throws {
        let stack = try Self.load(stack: Self.local, shared: Self.shared)
        #expect(stack.queue(named: "q")?.redrive?.maxReceiveCount == 10)
        let function = try #require(stack.function(named: "f"))
        #expect(function.executable == "consumer" && function.timeout == 120)
        #expect(
            function.environment == [
                "QUEUE_URL": "{{queue_url:q}}", "ORG": "example", "ASANA_BASE_URL": "http://127.0.0.1:1",
            ]
        )
        #expect(stack.secrets.first?.keys == ["A", "B"])
        #expect(stack.alarms.first?.treatMissingData == .notBreaching && stack.alarms.first?.period == 300)
        #expect(stack.eventSourceMappings.first?.batchSize == 10)
    }

    @Test func theShippedStackTakesItsNumbersFromTheSharedTopology() throws {
        // Every number of the shipped stack comes from config/topology.yaml, the file deploy/ reads.
        let root = ChildProcess.packageRoot
        let shared = try String(contentsOf: root.appendingPathComponent("config/topology.yaml"), encoding: .utf8)
        let stackText = try String(contentsOf: root.appendingPathComponent("emulator/stack.yaml"), encoding: .utf8)
        let changed = shared.replacingOccurrences(of: "max_receive_count: 10", with: "max_receive_count: 7")
        #expect(changed != shared)
        let local = stackText.replacingOccurrences(of: "topology: ../config/topology.yaml\n", with: "")
        let stack = try Self.load(stack: local, shared: changed)
        #expect(stack.queue(named: "sentry-asana-message-queue")?.redrive?.maxReceiveCount == 7)
    }

    @Test(arguments: [
        (
            "functions:\n  - {name: f, executable: consumer, timeout: 30, environment: {ORG: x}}",
            "functions[f].timeout is set in the shared topology"
        ),
        (
            "functions:\n  - {name: f, executable: consumer, environment: {ORG: x, QUEUE_URL: other}}",
            "functions[f].environment.QUEUE_URL is set in the shared topology"
        ),
        ("functions:\n  - {name: f, executable: consumer}", "leaves ORG to each world"),
        ("functions:\n  - {name: g, executable: consumer}", "functions[g] is not in the shared topology"),
        (
            "queues:\n  - {name: q, attributes: {VisibilityTimeout: 30}}",
            "queues[q].attributes.VisibilityTimeout is set in the shared topology"
        ),
        ("queues:\n  - {name: extra}", "queues[extra] is not in the shared topology"),
        (
            "secrets:\n  - {name: s, value: {A: a}}\nfunctions:\n  - {name: f, executable: consumer, environment: {ORG: x}}",
            "the keys A, B"
        ),
    ])
    func aStackThatSetsASharedFactAgainIsRefused(stack: String, expected: String) {
        #expect {
            // Each case is valid but for its one mistake: the secret's value comes first unless the case gives one.
            let secret = stack.hasPrefix("secrets:") ? "" : "secrets:\n  - {name: s, value: {A: a, B: b}}\n"
            _ = try Self.load(stack: secret + stack, shared: Self.shared)
        } throws: { error in
            (error as? TopologyError)?.message.contains(expected) == true
        }
    }
}
