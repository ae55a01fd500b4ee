import ArgumentParser
import Emulator
import Foundation
import Logging

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `devstack emulator`: SQS, Secrets Manager and STS on one local endpoint, durable in SQLite by default; its
/// subcommands drive a running emulator's control API (`/_devstack/…`).
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run the AWS emulator (SQS, Secrets Manager, STS) on one local endpoint, or control a running one.",
        subcommands: [Serve.self, Clock.self, Reset.self, Queues.self, Messages.self],
        defaultSubcommand: Serve.self)

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve", abstract: "Run the emulator (the default when no subcommand is given).")

        @Option(help: "Address to listen on (loopback by default).") var host = "127.0.0.1"
        @Option(help: "Port to listen on (0 lets the system choose).") var port = 4566
        @Option(help: "SQLite file holding the state (default: .devstack/emulator.sqlite).") var state: String?
        @Flag(help: "Keep everything in memory; nothing survives a restart.") var inMemory = false
        @Flag(help: "Accept unsigned or wrongly signed requests (tools that cannot sign).") var acceptAnySignature = false
        @Flag(help: "Start a virtual clock that moves only through POST /_devstack/clock.") var virtualClock = false
        @Option(help: "Account id in queue URLs and ARNs.") var accountId = "000000000000"
        @Option(help: "Region in ARNs.") var region = "us-east-1"
        @Option(help: "Accepted credentials as ACCESS_KEY:SECRET (repeatable; default test:test).")
        var credentials: [String] = []

        func validate() throws {
            if inMemory && state != nil { throw ValidationError("--state and --in-memory exclude each other") }
            for pair in credentials where !pair.contains(":") {
                throw ValidationError("--credentials takes ACCESS_KEY:SECRET, got '\(pair)'")
            }
        }

        func run() async throws {
            var logger = Logger(label: "devstack.emulator")
            logger.logLevel = .info
            var statePath: String?
            if !inMemory {
                let path = state ?? ".devstack/emulator.sqlite"
                let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                statePath = path
            }
            var accepted: [String: String] = [:]
            for pair in credentials {
                let parts = pair.split(separator: ":", maxSplits: 1)
                accepted[String(parts[0])] = String(parts[1])
            }
            let configuration = EmulatorConfiguration(
                host: host, port: port, statePath: statePath, acceptAnySignature: acceptAnySignature,
                virtualClock: virtualClock, accountID: accountId, region: region,
                credentials: accepted.isEmpty ? ["test": "test"] : accepted)
            let emulator = try Emulator(configuration: configuration, logger: logger)
            let server = EmulatorServer(emulator: emulator, logger: logger)
            let bound = try await server.start()
            logger.info(
                "emulator ready",
                metadata: [
                    "endpoint": "http://\(host):\(bound)", "state": "\(statePath ?? "in-memory")",
                    "virtualClock": "\(virtualClock)", "signatures": "\(acceptAnySignature ? "not checked" : "checked")",
                ])
            FileHandle.standardOutput.write(Data("emulator listening on http://\(host):\(bound)\n".utf8))
            await server.waitUntilStopped()
        }
    }

    /// Where a running emulator is.
    struct Endpoint: ParsableArguments {
        @Option(help: "The running emulator.") var endpoint = "http://127.0.0.1:4566"

        /// Calls `/_devstack/PATH` and prints the JSON answer; fails on a non-2xx status.
        func call(_ method: String, _ path: String, body: String? = nil) async throws {
            guard let url = URL(string: endpoint + "/_devstack/" + path) else {
                throw ValidationError("--endpoint is not a URL: \(endpoint)")
            }
            var request = URLRequest(url: url)
            request.httpMethod = method
            if let body {
                request.httpBody = Data(body.utf8)
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard (200..<300).contains(status) else { throw ExitCode(1) }
        }
    }

    struct Clock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clock",
            abstract: "Show the emulator's clock, or advance a virtual clock (visibility timeouts, delays, long polls).")

        @OptionGroup var endpoint: Endpoint
        @Option(help: "Seconds to move a virtual clock forward.") var advance: Double?

        func run() async throws {
            if let advance {
                guard advance >= 0, advance.isFinite else { throw ValidationError("--advance takes seconds >= 0") }
                try await endpoint.call("POST", "clock", body: "{\"advance\": \(advance)}")
            } else {
                try await endpoint.call("GET", "clock")
            }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset", abstract: "Drop all emulator state.")
        @OptionGroup var endpoint: Endpoint
        func run() async throws { try await endpoint.call("POST", "reset") }
    }

    struct Queues: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "queues", abstract: "List queues with their visible, in-flight and delayed counts.")
        @OptionGroup var endpoint: Endpoint
        func run() async throws { try await endpoint.call("GET", "sqs/queues") }
    }

    struct Messages: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "messages", abstract: "Show every message of a queue, invisible ones included, with receive counts.")
        @OptionGroup var endpoint: Endpoint
        @Argument(help: "Queue name.") var queue: String
        func run() async throws {
            let name = queue.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", "."])) ?? queue
            try await endpoint.call("GET", "sqs/queues/\(name)/messages")
        }
    }
}
