import Foundation
import TestSupport
import Testing
import Topology

@testable import Emulator

/// A runtime nobody here wrote under the emulator: AWS's runtime interface client for Python (`awslambdaric`),
/// with `aws-lambda-powertools`' batch processor for partial batch responses. Invoke (event, context, errors,
/// init errors), logs in order, and the SQS mapping with partial failures going to the DLQ.
@Suite("awslambdaric under the emulator", .serialized)
struct AWSLambdaRICInteropTests {
    /// Skipped on a developer's machine without the packages; never in CI (`CI` set), where `.ci/run` installs
    /// them and a missing one must fail the run.
    static var shouldRun: Bool {
        ProcessInfo.processInfo.environment["CI"] != nil
            || (try? ChildProcess.run("python3", ["-c", "import awslambdaric, aws_lambda_powertools"], timeout: 30))?
                .status == 0
    }

    static let folder = ChildProcess.packageRoot.appendingPathComponent(
        "Tests/EmulatorLambdaTests/Interop/awslambdaric"
    )
    static var bootstrap: String { folder.appendingPathComponent("bootstrap").path }

    static func function(_ handler: String, timeout: Double = 10) -> LambdaFunctionConfiguration {
        LambdaFunctionConfiguration(
            name: "python",
            executablePath: bootstrap,
            timeout: timeout,
            memorySize: 256,
            environment: ["PYTHONPATH": folder.path, "PYTHONUNBUFFERED": "1"],
            handler: handler
        )
    }

    @Test(.enabled(if: shouldRun, "pip install -r Tests/interop-requirements.txt"))
    func invokeGivesTheEventAndAContextWithTheTimeLeft() async throws {
        try await withHost(Self.function("app.echo", timeout: 10)) { host in
            let outcome = try await invoke(host, #"{"n":1}"#)
            let answer = try #require(try JSONSerialization.jsonObject(with: outcome.payload) as? [String: Any])
            #expect((answer["event"] as? [String: Any])?["n"] as? Int == 1)
            #expect((answer["request_id"] as? String).flatMap(UUID.init(uuidString:)) != nil)
            #expect(answer["function_name"] as? String == "python")
            #expect(answer["memory_limit_in_mb"] as? String == "256" || answer["memory_limit_in_mb"] as? Int == 256)
            let remaining = try #require(answer["remaining_ms"] as? Int)
            #expect(remaining > 5_000 && remaining <= 10_000, "the context reads the time left of a 10 s function")
        }
    }

    @Test(.enabled(if: shouldRun, "pip install -r Tests/interop-requirements.txt"))
    func aRaisedExceptionIsAFunctionErrorWithItsTypeAndMessage() async throws {
        try await withHost(Self.function("app.fail")) { host in
            let error = try #require(try await invoke(host).functionError)
            #expect(error.errorType == "ValueError")
            #expect(error.errorMessage == "failed on purpose")
        }
    }

    @Test(.enabled(if: shouldRun, "pip install -r Tests/interop-requirements.txt"))
    func anImportErrorIsAnInitErrorReportedAsAWSDoes() async throws {
        try await withHost(Self.function("broken.handler")) { host in
            let error = try #require(try await invoke(host).functionError)
            // awslambdaric posts the exception's own type for an error raised while importing the handler.
            #expect(error.errorType == "RuntimeError", "\(error.errorType): \(error.errorMessage)")
            #expect(error.errorMessage.contains("fails at import on purpose"))
            #expect(await eventually(10) { logLines(host).contains { $0.hasPrefix("REPORT ") } })
            let lines = logLines(host)
            #expect(
                lines.contains {
                    $0.hasPrefix("INIT_REPORT Init Duration: ") && $0.contains("\tPhase: invoke\tStatus: error")
                }
            )
        }
    }

    @Test(.enabled(if: shouldRun, "pip install -r Tests/interop-requirements.txt"))
    func aFiftyLineBurstStaysInsideItsInvocationTwentyTimes() async throws {
        try await withHost(Self.function("app.burst")) { host in
            for _ in 0..<20 { _ = try await invoke(host) }
            let (seen, misplaced) = burstPlacement(host.logs.events(function: "python"))
            #expect(seen.count == 20 && seen.values.allSatisfy { $0 == 50 }, "\(seen.values.sorted())")
            #expect(misplaced.isEmpty, "\(misplaced.count) lines outside their invocation")
        }
    }

    @Test(.enabled(if: shouldRun, "pip install -r Tests/interop-requirements.txt"))
    func powertoolsPartialBatchFailuresGoToTheDLQAndTheRestIsDeleted() async throws {
        let stack = StackTopology(
            queues: [
                QueueDefinition(name: "dlq"),
                QueueDefinition(
                    name: "work",
                    attributes: ["VisibilityTimeout": "3", "ReceiveMessageWaitTimeSeconds": "1"],
                    redrive: .init(deadLetterQueue: "dlq", maxReceiveCount: 2)
                ),
            ],
            functions: [
                FunctionDefinition(
                    name: "python",
                    executable: Self.bootstrap,
                    timeout: 3,
                    environment: ["PYTHONPATH": Self.folder.path],
                    handler: "app.batch"
                )
            ],
            eventSourceMappings: [
                EventSourceMappingDefinition(
                    function: "python",
                    queue: "work",
                    batchSize: 10,
                    functionResponseTypes: ["ReportBatchItemFailures"]
                )
            ]
        )
        try await withEmulatorServer(acceptAnySignature: true) { server in
            let loaded = try await server.loadStack(stack, options: StackLoadOptions(productsFolder: "/nonexistent"))
            let emulator = server.emulator
            let work = try #require(loaded.queueURLs["work"])
            var failing = ""
            for body in ["ok 1", "fail me", "ok 2"] {
                let sent = await sqs(emulator, "SendMessage", ["QueueUrl": work, "MessageBody": body])
                if body.hasPrefix("fail") { failing = sent["MessageId"] as? String ?? "" }
            }
            #expect(!failing.isEmpty)
            let settled = await eventually(30) {
                (emulator.sqs.inspectMessages("dlq") ?? []).count == 1
                    && (emulator.sqs.inspectMessages("work") ?? []).isEmpty
            }
            #expect(settled, "the failing record reaches the DLQ after two receives and the others are deleted")
            let dead = try #require(emulator.sqs.inspectMessages("dlq")?.first)
            #expect(dead["messageId"] as? String == failing)
            #expect(dead["receiveCount"] as? Int == 2)
            let records = emulator.lambda.journal.records(function: "python")
            // A batch with a good record answers its failures (success); a batch of the failing record alone makes
            // powertools raise BatchProcessingError (every record failed), a function error: SQS retries it either way.
            #expect(records.contains { $0.outcome == .success })
            for record in records where record.outcome != .success {
                #expect(record.errorType == "BatchProcessingError" && record.messageIDs == [failing], "\(record)")
            }
        }
    }
}
