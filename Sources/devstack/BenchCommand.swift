import ArgumentParser
import Emulator
import Foundation

/// `devstack bench sqs`: a bounded SQS workload against an endpoint, with the server's CPU per request.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure emulated services.", subcommands: [SQS.self])

    struct SQS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sqs",
            abstract: "SQS workload (sequential and batched sends, a deep backlog, concurrent senders, draining) with keep-alive connections and real SigV4; prints one JSON object per phase.")

        @Option(help: "IPv4 address of the endpoint.") var host = "127.0.0.1"
        @Option(help: "Port of the endpoint.") var port = 4566
        @Option(help: "PID of the server, to report its CPU time per request from /proc.") var serverPid: Int32?
        @Option(help: "Messages per sequential phase.") var messages = 1000
        @Option(help: "Backlog depth reached before the deep-queue phase.") var backlog = 10_000
        @Option(help: "Concurrent senders.") var concurrency = 8

        func run() throws {
            let benchmark = SQSBenchmark(
                host: host, port: port, serverPID: serverPid, messages: messages, backlog: backlog,
                concurrency: concurrency)
            for phase in try benchmark.run() {
                let data = try JSONSerialization.data(withJSONObject: phase.json, options: [.sortedKeys])
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            }
        }
    }
}
