import ArgumentParser
import Foundation
import Harness
import Logging

/// `devstack bench`: load generators for measuring the emulator (or any compatible server) by hand.
/// Never part of `swift test`; see Benchmarks/README.md.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure a local AWS-compatible server (by hand, not in CI).",
        subcommands: [SQS.self])

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
                """)

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
                workload: SQSBenchmarkWorkload(rawValue: workload) ?? .send, concurrency: concurrency,
                messages: messages, batch: batch, backlog: backlog, durationLimitSeconds: durationLimit,
                bodyBytes: bodyBytes)
        }

        func run() async throws {
            var logger = Logger(label: "devstack.bench")
            logger.logLevel = .warning
            guard let url = URL(string: endpoint) else { throw ValidationError("unusable --endpoint") }
            let benchmark = SQSBenchmark(
                sqs: SQSBenchmark.client(endpoint: url, region: region, logger: logger), serverPID: serverPid,
                logger: logger)
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
}
