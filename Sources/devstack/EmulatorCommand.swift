import ArgumentParser
import Dispatch
import Emulator
import Foundation
import Harness
import Logging
import Stubs
import Topology

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `devstack emulator`: SQS, Secrets Manager, STS and Lambda on one local endpoint, durable in SQLite by default,
/// optionally with a whole stack file loaded; its subcommands drive a running emulator's control API
/// (`/_devstack/…`).
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract:
            "Run the AWS emulator (SQS, Secrets Manager, STS, Lambda) on one local endpoint, or control a running one.",
        subcommands: [
            Serve.self, Reset.self, Messages.self, Functions.self, Invocations.self, Kill.self,
        ],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Run the emulator (the default when no subcommand is given).",
            discussion: """
                With --stack it also loads the stack file: queues and secrets (existing ones kept, with their \
                messages), the functions (executables from --products), their event source mappings and Function \
                URLs. SIGINT or SIGTERM stops every function instance it started.
                """
        )

        @Option(help: "Address to listen on (loopback by default).") var host = "127.0.0.1"
        @Option(help: "Port to listen on (0 lets the system choose).") var port = 4566
        @Option(help: "SQLite file holding the state (default: .devstack/emulator.sqlite).") var state: String?
        @Flag(help: "Keep everything in memory; nothing survives a restart.") var inMemory = false
        @Flag(help: "Accept unsigned or wrongly signed requests (tools that cannot sign).") var acceptAnySignature =
            false
        @Flag(help: "Start a virtual clock that moves only through POST /_devstack/clock.") var virtualClock = false
        @Option(help: "Account id in queue URLs and ARNs (default: the stack's, else 000000000000).") var accountId:
            String?
        @Option(help: "Region in ARNs (default: the stack's, else us-east-1).") var region: String?
        @Option(help: "Accepted credentials as ACCESS_KEY:SECRET (repeatable; default test:test, plus the stack's).")
        var credentials: [String] = []
        @Option(help: "A stack file to load (queues, secrets, functions, mappings, Function URLs).") var stack: String?
        @Option(help: "Where the stack's executables are (default: beside devstack).") var products: String?
        @Option(
            name: .customLong("var"),
            help: "A template value of the stack as NAME=VALUE (repeatable): asana_url, sentry_url, repo."
        )
        var variables: [String] = []
        @Option(help: "Port of the stack's first Function URL, the webhook (0 lets the system choose).")
        var webhookPort = 4600
        @Option(
            help: "The fixtures folder whose webhooks/*.json the dashboard can send (default: fixtures, if present)."
        )
        var fixtures: String?
        @Flag(help: "Print one JSON line with the endpoints when ready, for scripts.") var json = false

        func validate() throws {
            if inMemory && state != nil { throw ValidationError("--state and --in-memory exclude each other") }
            for pair in credentials where !pair.contains(":") {
                throw ValidationError("--credentials takes ACCESS_KEY:SECRET, got '\(pair)'")
            }
            for pair in variables where !pair.contains("=") {
                throw ValidationError("--var takes NAME=VALUE, got '\(pair)'")
            }
            if stack == nil && (products != nil || !variables.isEmpty) {
                throw ValidationError("--products and --var only apply with --stack")
            }
        }

        func run() async throws {
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = .info
                return handler
            }
            let logger = Logger(label: "devstack.emulator")
            let topology = try stack.map { try StackTopology.load(from: $0) }
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
            if accepted.isEmpty { accepted["test"] = "test" }
            if let topology { accepted[topology.credentials.accessKeyID] = topology.credentials.secretAccessKey }
            let configuration = EmulatorConfiguration(
                host: host,
                port: port,
                statePath: statePath,
                acceptAnySignature: acceptAnySignature,
                virtualClock: virtualClock,
                accountID: accountId ?? topology?.accountID ?? "000000000000",
                region: region ?? topology?.region ?? "us-east-1",
                credentials: accepted,
                fixturesPath: fixtures
                    ?? (FileManager.default.fileExists(atPath: "fixtures/webhooks") ? "fixtures" : nil)
            )

            // Handle the signals ourselves so that every function instance is stopped by PID before exiting.
            let signals = StopSignals()

            let emulator = try Emulator(configuration: configuration, logger: logger)
            let server = EmulatorServer(emulator: emulator, logger: logger)
            let bound = try await server.start()
            var loaded: LoadedStack?
            if let topology, let stack {
                do {
                    loaded = try await server.loadStack(topology, options: stackOptions(stackPath: stack))
                } catch {
                    await server.shutdown()
                    throw error
                }
            }
            logger.info(
                "emulator ready",
                metadata: [
                    "endpoint": "http://\(host):\(bound)", "state": "\(statePath ?? "in-memory")",
                    "virtualClock": "\(virtualClock)",
                    "signatures": "\(acceptAnySignature ? "not checked" : "checked")",
                    "stack": "\(stack ?? "none")",
                ]
            )
            if json {
                let ready =
                    loaded?.readyLine
                    ?? #"{"aws_endpoint":"http://\#(host):\#(bound)","function_urls":{},"webhook_url":null}"#
                FileHandle.standardOutput.write(Data((ready + "\n").utf8))
            } else {
                var text = "emulator listening on http://\(host):\(bound)\n"
                for (name, url) in (loaded?.functionURLs ?? [:]).sorted(by: { $0.key < $1.key }) {
                    text += "  function URL of \(name): \(url)\n"
                }
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            await signals.wait()
            logger.info("stopping")
            await server.shutdown()
            signals.cancel()
        }

        /// The products folder and the template values, with defaults for a stack run next to `devstack stubs`.
        func stackOptions(stackPath: String) throws -> StackLoadOptions {
            let repository = URL(fileURLWithPath: stackPath).standardizedFileURL.deletingLastPathComponent()
                .deletingLastPathComponent().path
            var values = [
                "asana_url": "http://\(StubDefaults.host):\(StubDefaults.asanaPort)/api/1.0",
                "sentry_url": "http://\(StubDefaults.host):\(StubDefaults.sentryPort)", "repo": repository,
            ]
            for pair in variables {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                values[String(parts[0])] = String(parts[1])
            }
            return StackLoadOptions(
                productsFolder: products ?? ProductsFolder.own(),
                variables: values,
                functionURLAddress: host,
                webhookPort: webhookPort
            )
        }
    }

    /// Where a running emulator is.
    /// `--endpoint URL`, else the AWS endpoint of the running `devstack up` found through `--state`.
    struct Endpoint: ParsableArguments {
        @Option(
            name: .customLong("endpoint"),
            help: "The running emulator, e.g. http://127.0.0.1:4566 (default: the running devstack up's)."
        )
        var given: String?
        @OptionGroup var running: RunningStackOption

        /// The emulator's URL: the flag wins; otherwise the endpoints file must name a live stack.
        var endpoint: String {
            get throws(EndpointsFileError) {
                if let given { return given }
                return try running.find().endpoints.awsEndpoint
            }
        }

        /// Calls `/_devstack/PATH` and prints the JSON answer; fails with the emulator's error otherwise.
        func call(_ method: String, _ path: String, json body: [String: Any]? = nil) async throws {
            let bytes = try await AdminClient(endpoint: try endpoint).raw(method, path, json: body)
            FileHandle.standardOutput.write(Data(bytes) + Data("\n".utf8))
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset", abstract: "Drop all emulator state.")
        @OptionGroup var endpoint: Endpoint
        func run() async throws { try await endpoint.call("POST", "reset") }
    }

    struct Messages: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "messages",
            abstract: "Show every message of a queue, invisible ones included, with receive counts."
        )
        @OptionGroup var endpoint: Endpoint
        @Argument(help: "Queue name.") var queue: String
        func run() async throws {
            let name =
                queue.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", "."])) ?? queue
            try await endpoint.call("GET", "sqs/queues/\(name)/messages")
        }
    }
}
