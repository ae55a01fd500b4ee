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
        discussion: "Builds nothing itself: run `swift build` first. Ctrl-C or SIGTERM stops everything it started."
    )

    @Option(help: "The stack file.") var stack = "emulator/stack.yaml"
    @Option(help: "The fixtures folder the stubs are seeded from.") var fixtures = "fixtures"
    @Option(help: "Folder for the emulator's SQLite state.") var state = ".devstack"
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
        var options = LocalPipeline.Options(
            stackPath: stack,
            fixturesPath: fixtures,
            productsFolder: products ?? ProductsFolder.own()
        )
        if !inMemory {
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
            let file = "\(state)/emulator.sqlite"
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

        // Handle the signals ourselves so that every bootstrap is stopped by PID before exiting.
        let signals = StopSignals()

        let pipeline = try await LocalPipeline.start(options, logger: Logger(label: "devstack.up"))
        let endpoints = pipeline.endpoints
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(endpoints) + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(
                Data(
                    """
                    sentry-asana local stack is up
                      webhook (producer Function URL)  \(endpoints.webhookURL)
                      AWS endpoint (SQS, Secrets, STS, Lambda)\(endpoints.awsEndpoint)
                      Asana stub                       \(endpoints.asanaURL)
                      Sentry stub                      \(endpoints.sentryURL)
                    Send an alert:  devstack send fixtures/webhooks/event_alert-go-dev-detections.json --to \(endpoints.webhookURL) --secret dev-sentry-client-secret
                    Ctrl-C stops everything.

                    """.utf8
                )
            )
        }
        await signals.wait()
        print("stopping…")
        await pipeline.shutdown()
        signals.cancel()
    }
}
