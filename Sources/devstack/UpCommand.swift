import ArgumentParser
import Dispatch
import Foundation
import Harness
import Logging

/// `devstack up`: the whole stack, running until Ctrl-C or SIGTERM, which stop every child process.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start the emulator, the stubs and the real producer/consumer, and print the endpoints.",
        discussion: """
            Builds the producer and consumer first if they are missing beside devstack (progress on stderr). Once \
            the stack is up it writes STATE/endpoints.json (the endpoints, the development client secret, its PID; \
            mode 0600), which `send`, `calls`, `queues`, `dlq`, `logs`, `status`, `clock` and `replay` read when \
            their address options are not given. Ctrl-C or SIGTERM stops everything it started and removes the file.
            """
    )

    @Option(help: "The stack file.") var stack = "emulator/stack.yaml"
    @Option(help: "The fixtures folder the stubs are seeded from.") var fixtures = "fixtures"
    @Option(
        help: "Folder for the emulator's SQLite state and endpoints.json (default: $DEVSTACK_STATE, else .devstack)."
    )
    var state: String?
    @Flag(help: "Start from empty state (delete the state file first).") var fresh = false
    @Flag(help: "Keep the emulator's state in memory.") var inMemory = false
    @Flag(help: "Time moves only through POST /_devstack/clock.") var virtualClock = false
    @Option(help: "Address to bind (loopback by default).") var host = "127.0.0.1"
    @Option(help: "Emulator port.") var port = 4566
    @Option(help: "Asana stub port.") var asanaPort = 4580
    @Option(help: "Sentry stub port.") var sentryPort = 4590
    @Option(help: "The producer's Function URL port.") var webhookPort = 4600
    @Option(help: "Where the producer and consumer executables are (default: beside devstack).") var products: String?
    @Flag(help: "Print the endpoints as one JSON line, for scripts.") var json = false

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let folder = StateFolder.resolve(option: state, environment: ProcessInfo.processInfo.environment)
        try EndpointsFile.claim(folder)
        // Handle the signals ourselves so that every bootstrap is stopped by PID before exiting. First, before any
        // thread starts: threads inherit the blocked signal mask the signal source needs, and a thread started
        // earlier (the build's process monitor) would take SIGTERM and drop it.
        let signals = StopSignals()
        let productsFolder = products ?? ProductsFolder.own()
        if products == nil {
            try ProductsFolder.ensureBuilt(["producer", "consumer"], in: productsFolder, say: Self.progress)
        }
        var options = LocalPipeline.Options(
            stackPath: stack,
            fixturesPath: fixtures,
            productsFolder: productsFolder
        )
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if !inMemory {
            let file = "\(folder)/emulator.sqlite"
            if fresh {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
            }
            options.statePath = file
        }
        options.virtualClock = virtualClock
        options.host = host
        options.emulatorPort = port
        options.asanaPort = asanaPort
        options.sentryPort = sentryPort
        options.webhookPort = webhookPort

        Self.progress(
            "starting the emulator (\(inMemory ? "in memory" : options.statePath ?? "")), the Asana and Sentry stubs, "
                + "and loading \(stack) (queues, secrets, the producer and consumer functions)…"
        )
        let pipeline = try await LocalPipeline.start(options, logger: Logger(label: "devstack.up"))
        let endpoints = pipeline.endpoints
        let record = EndpointsFile(pipeline: pipeline, command: "up", virtualClock: virtualClock)
        do {
            try record.write(in: folder)
        } catch {
            await pipeline.shutdown()
            throw error
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(endpoints) + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(Self.banner(endpoints, file: EndpointsFile.path(in: folder)).utf8))
        }
        await signals.wait()
        print("stopping…")
        EndpointsFile.remove(in: folder)
        await pipeline.shutdown()
        signals.cancel()
    }

    /// What `up` is doing while it starts, on stderr so that `--json` keeps stdout to one line.
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The endpoints as a person reads them, and the verbs that now need no flags.
    static func banner(_ endpoints: LocalPipeline.Endpoints, file: String) -> String {
        """
        sentry-asana local stack is up
          dashboard                        \(endpoints.dashboardURL)
          webhook (producer Function URL)  \(endpoints.webhookURL)
          AWS endpoint (SQS, Secrets, STS, Lambda) \(endpoints.awsEndpoint)
          Asana stub                       \(endpoints.asanaURL)
          Sentry stub                      \(endpoints.sentryURL)
        Endpoints and the development client secret are in \(file); from this folder, no flags needed:
          devstack send fixtures/webhooks/event_alert-go-dev-detections.json
          devstack calls asana · devstack status · devstack queues · devstack dlq list · devstack logs
        Ctrl-C stops everything.

        """
    }
}
