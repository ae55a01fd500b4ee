import Foundation
import Logging
import TestSupport
import Testing
import Topology

@testable import Emulator

/// A small stack over the behaviours bootstrap: a queue with its DLQ, a secret, an `echo` function with a URL
/// fed by a mapping, an `error` function and a `sleep` function.
func behavioursStack(echoEnvironment: [String: String] = [:]) throws -> StackTopology {
    try #require(
        FileManager.default.isExecutableFile(atPath: behavioursBootstrap),
        "build the bootstrap first: swift build --build-tests (looked at \(behavioursBootstrap))"
    )
    return StackTopology(
        queues: [
            QueueDefinition(name: "work-dlq"),
            QueueDefinition(
                name: "work",
                attributes: ["VisibilityTimeout": "30", "ReceiveMessageWaitTimeSeconds": "1"],
                redrive: .init(deadLetterQueue: "work-dlq", maxReceiveCount: 3)
            ),
            QueueDefinition(name: "other", attributes: ["VisibilityTimeout": "30"]),
        ],
        secrets: [SecretDefinition(name: "app-secrets", secretString: #"{"TOKEN":"dev"}"#)],
        functions: [
            FunctionDefinition(
                name: "echo",
                executable: behavioursBootstrap,
                timeout: 5,
                memory: 128,
                functionURL: true,
                environment: ["TEST_BOOTSTRAP_MODE": "echo", "QUEUE": "{{queue_url:work}}", "AWS": "{{aws_endpoint}}"]
                    .merging(echoEnvironment) { _, own in own },
                handler: "app.handler"
            ),
            FunctionDefinition(
                name: "failing",
                executable: behavioursBootstrap,
                timeout: 5,
                environment: ["TEST_BOOTSTRAP_MODE": "error"]
            ),
            FunctionDefinition(
                name: "sleeper",
                executable: behavioursBootstrap,
                timeout: 60,
                environment: ["TEST_BOOTSTRAP_MODE": "sleep", "TEST_BOOTSTRAP_SLEEP": "600"]
            ),
        ],
        eventSourceMappings: [EventSourceMappingDefinition(function: "echo", queue: "work", batchSize: 5)]
    )
}

/// An emulator on a free port (state in `statePath`, or in memory), stopped with everything it started after
/// `body`; checks that no instance it reported is left.
func withEmulatorServer<Result: Sendable>(
    statePath: String? = nil,
    acceptAnySignature: Bool = false,
    _ body: @Sendable (EmulatorServer) async throws -> Result
) async throws -> Result {
    var logger = Logger(label: "test-emulator")
    logger.logLevel = .critical
    let emulator = try Emulator(
        configuration: EmulatorConfiguration(
            port: 0,
            statePath: statePath,
            acceptAnySignature: acceptAnySignature
        ),
        logger: logger
    )
    let server = EmulatorServer(emulator: emulator, logger: logger)
    try await server.start()
    let result: Result
    do {
        result = try await body(server)
    } catch {
        await server.shutdown()
        throw error
    }
    var pids: [Int32] = []
    for host in await emulator.lambda.functions.functions { pids += await host.status().pids }
    await server.shutdown()
    for pid in pids { #expect(!processExists(pid), "instance \(pid) is still running after shutdown") }
    return result
}

/// A temporary folder removed after `body`.
func withTemporaryFolder<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emu-lambda-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}

/// An unsigned admin or SQS-JSON call through `respond` (tests with `acceptAnySignature` or `/_devstack/`).
func call(
    _ emulator: Emulator,
    _ method: String,
    _ target: String,
    headers: [(name: String, value: String)] = [],
    body: String = ""
) async -> (status: Int, json: [String: Any], response: EmulatorResponse) {
    let response = await emulator.respond(
        EmulatorRequest(
            method: method,
            target: target,
            headers: [("host", "127.0.0.1:4566")] + headers,
            body: Array(body.utf8)
        )
    )
    let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    return (response.status, json, response)
}

/// SQS JSON protocol through `respond` (needs `acceptAnySignature`).
func sqs(_ emulator: Emulator, _ operation: String, _ input: [String: Any]) async -> [String: Any] {
    let body = String(decoding: try! JSONSerialization.data(withJSONObject: input), as: UTF8.self)
    return await call(
        emulator,
        "POST",
        "/",
        headers: [("x-amz-target", "AmazonSQS.\(operation)"), ("content-type", "application/x-amz-json-1.0")],
        body: body
    ).json
}
