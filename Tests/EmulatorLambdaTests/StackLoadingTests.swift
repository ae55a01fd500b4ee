import Foundation
import TestSupport
import Testing
import Topology

@testable import Emulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `Emulator.loadStack`: queues with redrive, secrets, functions with their template values, mappings with
/// stable UUIDs and Function URLs; idempotent over a durable state; clear errors for what cannot be loaded.
@Suite("Loading a stack into the emulator", .serialized)
struct StackLoadingTests {
    let options = StackLoadOptions(productsFolder: "/nonexistent")

    @Test("queues (redrive to the DLQ), the secret, functions with filled values, the mapping and the URL")
    func loadsEverything() async throws {
        let stack = try behavioursStack(echoEnvironment: ["TEST_BOOTSTRAP_MODE": "environment"])
        try await withEmulatorServer { server in
            let loaded = try await server.loadStack(stack, options: options)
            let emulator = server.emulator
            let workURL = try #require(loaded.queueURLs["work"])
            #expect(workURL == "\(server.baseURL.absoluteString)/000000000000/work")
            let attributes =
                try await emulator.sqs.handle(
                    "GetQueueAttributes",
                    JSONInput(["QueueUrl": workURL, "AttributeNames": ["All"]]),
                    caller: CallerContext(host: "x", accessKeyID: nil, region: "us-east-1")
                )["Attributes"] as? [String: String]
            #expect(attributes?["VisibilityTimeout"] == "30")
            #expect(attributes?["RedrivePolicy"]?.contains("arn:aws:sqs:us-east-1:000000000000:work-dlq") == true)
            let secret = try emulator.secrets.handle("GetSecretValue", JSONInput(["SecretId": "app-secrets"]))
            #expect(secret["SecretString"] as? String == #"{"TOKEN":"dev"}"#)
            #expect(emulator.stack == stack)

            let uuid = try #require(loaded.mappingUUIDs["echo→work"])
            #expect(
                uuid
                    == EventSourceMappingUUID.make(
                        function: "echo",
                        eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:work"
                    )
            )
            #expect(await emulator.lambda.mappings.runner(uuid) != nil, "the stack's mapping polls")

            // The echo function reports its environment through its URL: the placeholders were filled.
            let url = try #require(loaded.webhookURL.flatMap(URL.init(string:)))
            #expect(loaded.functionURLs == ["echo": url.absoluteString])
            let (data, response) = try await URLSession.shared.data(from: url)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            let environment = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
            #expect(environment["QUEUE"] == workURL)
            #expect(environment["AWS"] == server.baseURL.absoluteString)
            #expect(environment["AWS_ENDPOINT_URL"] == server.baseURL.absoluteString)
            #expect(environment["_HANDLER"] == "app.handler", "the stack's handler reaches the runtime as on AWS")
            let records = emulator.lambda.journal.records(function: "echo")
            #expect(records.map(\.source) == [.url])
            #expect(records.map(\.outcome) == [.success])
        }
    }

    @Test(
        "loading again on the same state file keeps the messages, the queue URLs, the secret's version and the mapping UUIDs"
    )
    func idempotentOverRestarts() async throws {
        let stack = try { () throws -> StackTopology in
            var stack = try behavioursStack()
            stack.eventSourceMappings[0].enabled = false  // keep the message in the queue
            return stack
        }()
        try await withTemporaryFolder { folder in
            let state = folder.appendingPathComponent("state.sqlite").path
            let first = try await withEmulatorServer(statePath: state) { server in
                let loaded = try await server.loadStack(stack, options: options)
                _ = try await server.emulator.sqs.handle(
                    "SendMessage",
                    JSONInput(["QueueUrl": loaded.queueURLs["work"]!, "MessageBody": "kept"]),
                    caller: CallerContext(host: "x", accessKeyID: nil, region: "us-east-1")
                )
                let version = try server.emulator.secrets.handle(
                    "GetSecretValue",
                    JSONInput(["SecretId": "app-secrets"])
                )
                return (loaded.mappingUUIDs, version["VersionId"] as? String, loaded.queueURLs.keys.sorted())
            }
            try await withEmulatorServer(statePath: state) { server in
                let loaded = try await server.loadStack(stack, options: options)
                #expect(loaded.mappingUUIDs == first.0)
                #expect(loaded.queueURLs.keys.sorted() == first.2)
                let messages = server.emulator.sqs.inspectMessages("work") ?? []
                #expect(messages.count == 1, "the message sent before the restart is still there")
                let version = try server.emulator.secrets.handle(
                    "GetSecretValue",
                    JSONInput(["SecretId": "app-secrets"])
                )
                #expect(version["VersionId"] as? String == first.1, "an unchanged secret is not rewritten")
            }
        }
    }

    @Test("a queue whose attributes changed in the stack gets the new ones and keeps its messages")
    func changedAttributesApplied() async throws {
        try await withEmulatorServer { server in
            let emulator = server.emulator
            let caller = CallerContext(host: "x", accessKeyID: nil, region: "us-east-1")
            _ = try await emulator.sqs.handle(
                "CreateQueue",
                JSONInput(["QueueName": "work", "Attributes": ["VisibilityTimeout": "7"]]),
                caller: caller
            )
            _ = try await emulator.sqs.handle(
                "SendMessage",
                JSONInput(["QueueUrl": emulator.sqs.url("work", host: "x"), "MessageBody": "kept"]),
                caller: caller
            )
            let stack = StackTopology(queues: [QueueDefinition(name: "work", attributes: ["VisibilityTimeout": "45"])])
            _ = try await server.loadStack(stack, options: options)
            let attributes =
                try await emulator.sqs.handle(
                    "GetQueueAttributes",
                    JSONInput([
                        "QueueUrl": emulator.sqs.url("work", host: "x"), "AttributeNames": ["VisibilityTimeout"],
                    ]),
                    caller: caller
                )["Attributes"] as? [String: String]
            #expect(attributes?["VisibilityTimeout"] == "45")
            #expect(emulator.sqs.inspectMessages("work")?.count == 1)
        }
    }

    @Test("a missing executable names the swift build command, and nothing is registered")
    func missingExecutable() async throws {
        let stack = StackTopology(functions: [FunctionDefinition(name: "producer-fn", executable: "no-such-product")])
        try await withEmulatorServer { server in
            let error = await #expect(throws: StackLoadError.self) {
                try await server.loadStack(stack, options: StackLoadOptions(productsFolder: "/tmp"))
            }
            #expect(error?.code == .missingExecutable)
            #expect(
                error?.message.contains("swift build --product no-such-product") == true,
                "\(String(describing: error))"
            )
            #expect(await server.emulator.lambda.functions.functions.isEmpty)
        }
    }

    @Test("an unknown placeholder, a stack for another account and a second stack are refused with a reason")
    func refusals() async throws {
        let typo = StackTopology(functions: [
            FunctionDefinition(
                name: "f",
                executable: behavioursBootstrap,
                environment: ["URL": "{{asana_ulr}}"]
            )
        ])
        try await withEmulatorServer { server in
            let error = await #expect(throws: StackLoadError.self) {
                try await server.loadStack(typo, options: options)
            }
            #expect(error?.code == .template)
            #expect(error?.message.contains("asana_ulr") == true)
        }
        try await withEmulatorServer { server in
            let other = StackTopology(accountID: "111111111111")
            let error = await #expect(throws: StackLoadError.self) {
                try await server.loadStack(other, options: options)
            }
            #expect(error?.code == .mismatch)
            _ = try await server.loadStack(StackTopology(), options: options)
            let again = await #expect(throws: StackLoadError.self) {
                try await server.loadStack(StackTopology(), options: options)
            }
            #expect(again?.message.contains("already loaded") == true)
        }
    }

    @Test("reset empties the stack's queues and creates them again, so its mappings keep working")
    func resetRecreatesQueues() async throws {
        let stack = StackTopology(queues: [QueueDefinition(name: "work")])
        try await withEmulatorServer { server in
            let loaded = try await server.loadStack(stack, options: options)
            let caller = CallerContext(host: "x", accessKeyID: nil, region: "us-east-1")
            _ = try await server.emulator.sqs.handle(
                "SendMessage",
                JSONInput(["QueueUrl": loaded.queueURLs["work"]!, "MessageBody": "gone"]),
                caller: caller
            )
            let reset = await call(server.emulator, "POST", "/_devstack/reset")
            #expect(reset.status == 200)
            #expect(server.emulator.sqs.inspectMessages("work")?.isEmpty == true, "the queue exists again, empty")
        }
    }

    @Test("mapping UUIDs are stable, distinct per function and queue, and shaped like UUIDs")
    func mappingUUIDs() {
        let a = EventSourceMappingUUID.make(function: "f", eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:q")
        #expect(a == EventSourceMappingUUID.make(function: "f", eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:q"))
        #expect(a != EventSourceMappingUUID.make(function: "g", eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:q"))
        #expect(UUID(uuidString: a) != nil)
        #expect(a == a.lowercased())
    }
}
