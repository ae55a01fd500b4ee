import ArgumentParser
import Foundation
import Harness
import Logging

/// `devstack bench`: load generators for measuring the emulator (or any compatible server) by hand.
/// Never part of `swift test`; see Benchmarks/README.md.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure a local AWS-compatible server (by hand, not in CI).",
        subcommands: [SQS.self, Lambda.self]
    )

    /// `devstack bench sqs`: one bounded SQS workload against `--endpoint`.
    struct SQS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sqs",
            abstract: "Run one bounded SQS workload: requests/s, p50/p99 latency, server CPU per request and RSS.",
            discussion: """
                Workloads (each on a fresh queue, deleted afterwards):
                  send   SendMessage (SendMessageBatch of 10 with --batch) from --concurrency workers,
                         --messages messages in all, after --backlog messages were put in the queue unmeasured.
                  drain  --messages messages are enqueued unmeasured, then ReceiveMessage (10) plus
                         DeleteMessageBatch from --concurrency workers until the queue is empty.
                Requests are signed with SigV4 (test/test). With --server-pid the server's CPU time (utime+stime
                from /proc/PID/stat) over the measured phase and its RSS afterwards are reported.
                """
        )

        @Option(help: "The server's base URL, e.g. http://127.0.0.1:4566.") var endpoint: String
        @Option(help: "The workload: send or drain.") var workload: String = "send"
        @Option(help: "Concurrent workers (1…256).") var concurrency = 1
        @Option(help: "Messages sent (send) or drained (drain).") var messages = 1_000
        @Flag(help: "Send with SendMessageBatch of 10 entries.") var batch = false
        @Option(help: "Messages enqueued before a send workload is measured.") var backlog = 0
        @Option(help: "Message body size in bytes.") var bodyBytes = 256
        @Option(help: "Give up (exit non-zero) after this many seconds.") var durationLimit: Double = 120
        @Option(help: "PID of the server process, for its CPU time and RSS from /proc.") var serverPid: Int32?
        @Option(help: "Region to sign for.") var region = "us-east-1"
        @Flag(help: "Print the result as one JSON object.") var json = false

        func validate() throws {
            guard let url = URL(string: endpoint), url.scheme == "http" || url.scheme == "https", url.host != nil
            else { throw ValidationError("--endpoint must be an http(s) URL with a host, got '\(endpoint)'") }
            guard SQSBenchmarkWorkload(rawValue: workload) != nil else {
                throw ValidationError("--workload must be send or drain, got '\(workload)'")
            }
            do { try plan.validate() } catch { throw ValidationError(error.message) }
        }

        var plan: SQSBenchmarkPlan {
            SQSBenchmarkPlan(
                workload: SQSBenchmarkWorkload(rawValue: workload) ?? .send,
                concurrency: concurrency,
                messages: messages,
                batch: batch,
                backlog: backlog,
                durationLimitSeconds: durationLimit,
                bodyBytes: bodyBytes
            )
        }

        func run() async throws {
            var logger = Logger(label: "devstack.bench")
            logger.logLevel = .warning
            guard let url = URL(string: endpoint) else { throw ValidationError("unusable --endpoint") }
            let benchmark = SQSBenchmark(
                sqs: SQSBenchmark.client(endpoint: url, region: region, logger: logger),
                serverPID: serverPid,
                logger: logger
            )
            let result = try await benchmark.run(plan)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                FileHandle.standardOutput.write(try encoder.encode(result) + Data("\n".utf8))
            } else {
                FileHandle.standardOutput.write(Data((result.summaryLine + "\n").utf8))
            }
        }
    }

    /// `devstack bench lambda`: the Lambda side of the harness (issue 5's benchmark, issue 3's 1 s budget).
    struct Lambda: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lambda",
            abstract: "Measure warm invoke overhead, the producer's cold start and SQS → mapping throughput.",
            discussion: """
                warm      --invokes invokes of a no-op bootstrap (test-bootstrap-behaviours, TEST_BOOTSTRAP_MODE=noop)
                          through the emulator's Runtime API, one at a time, after its cold start: p50/p99 and
                          the emulator's own CPU per invoke.
                producer  --cold-starts fresh in-memory stacks (emulator, stubs, the real producer behind its
                          Function URL, no event source mapping): the first signed webhook of each, timed as
                          Sentry sees it, then --warm-webhooks more.
                mapping   --messages messages through SQS → event source mapping (batches of 10, up to
                          --concurrency instances) → the no-op function, timed until the queue is empty.
                Build first: swift build -c release --product devstack --product producer
                --product test-bootstrap-behaviours (the executables are looked for beside devstack).
                """
        )

        @Option(help: "Workloads, comma-separated: warm, producer, mapping.") var workloads = "warm,producer,mapping"
        @Option(help: "Warm invokes.") var invokes = 1_000
        @Option(help: "Fresh stacks for producer cold starts.") var coldStarts = 5
        @Option(help: "Webhooks to the warm producer per stack.") var warmWebhooks = 20
        @Option(help: "Messages through the event source mapping.") var messages = 2_000
        @Option(help: "Instances of the mapped function.") var concurrency = 5
        @Option(help: "The no-op bootstrap (default: test-bootstrap-behaviours beside devstack).") var bootstrap:
            String?
        @Option(help: "Where producer and consumer are (default: beside devstack).") var products: String?
        @Option(help: "The stack file.") var stack = "emulator/stack.yaml"
        @Option(help: "The fixtures folder.") var fixtures = "fixtures"
        @Option(help: "Give up (exit non-zero) after this many seconds per workload.") var durationLimit: Double = 300
        @Flag(help: "Print the result as one JSON object.") var json = false

        func validate() throws {
            let known: Set = ["warm", "producer", "mapping"]
            let chosen = workloads.split(separator: ",").map(String.init)
            guard !chosen.isEmpty, chosen.allSatisfy(known.contains) else {
                throw ValidationError("--workloads takes warm, producer and/or mapping, got '\(workloads)'")
            }
            guard invokes >= 1, invokes <= 1_000_000, coldStarts >= 1, coldStarts <= 100, warmWebhooks >= 0,
                warmWebhooks <= 10_000, messages >= 1, messages <= 1_000_000, (1...100).contains(concurrency),
                durationLimit > 0
            else { throw ValidationError("counts must be positive and bounded (see --help)") }
        }

        func run() async throws {
            // Silent: the servers it starts raise their loggers to `.warning` and log expected shutdown
            // cancellations as errors, which would interleave with the figures.
            let logger = Logger(label: "devstack.bench") { _ in SwiftLogNoOpLogHandler() }
            let folder = ProductsFolder.own()
            var plan = LambdaBenchmark.Plan(
                noopBootstrap: bootstrap ?? "\(folder)/test-bootstrap-behaviours",
                productsFolder: products ?? folder,
                stackPath: stack,
                fixturesPath: fixtures
            )
            plan.invokes = invokes
            plan.coldStarts = coldStarts
            plan.warmWebhooks = warmWebhooks
            plan.messages = messages
            plan.maximumConcurrency = concurrency
            plan.durationLimitSeconds = durationLimit
            let benchmark = LambdaBenchmark(plan: plan, logger: logger)
            let chosen = Set(workloads.split(separator: ",").map(String.init))
            var result = LambdaBenchmarkResult()
            if chosen.contains("warm") { result.warmInvoke = try await benchmark.warmInvoke() }
            if chosen.contains("producer") { result.producerColdStart = try await benchmark.producerColdStart() }
            if chosen.contains("mapping") { result.mappingThroughput = try await benchmark.mappingThroughput() }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                FileHandle.standardOutput.write(try encoder.encode(result) + Data("\n".utf8))
            } else {
                FileHandle.standardOutput.write(Data((result.summaryLines.joined(separator: "\n") + "\n").utf8))
            }
        }
    }
}
