import ArgumentParser
import Foundation
import Harness
import Logging

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Run the whole pipeline on a fresh embedded stack and show alerts becoming tasks, a retry and a re-drive.",
        discussion: """
            Starts the emulator (in-memory SQLite), the Asana and Sentry stubs and the real producer and consumer
            executables, then: sends every alert of fixtures/webhooks through the producer's Function URL and
            shows the tasks; makes Asana fail once and shows the retry; takes Asana down, shows the ten deliveries
            155 s apart, the DLQ and its alarm, and re-drives it. Production's numbers (config/topology.yaml) on
            the virtual clock, stepped whenever nothing runs: half an hour of retries passes in seconds. Exits 0
            when every expectation held.
            """
    )

    @Option(help: "The stack file.") var stack = "emulator/stack.yaml"
    @Option(help: "The fixtures folder (asana/, sentry/, webhooks/).") var fixtures = "fixtures"
    @Option(help: "Where the producer and consumer executables are (default: beside devstack).")
    var products: String?

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .critical  // the demo reports what matters itself
            return handler
        }
        let logger = Logger(label: "devstack.demo")
        let folder = products ?? ProductsFolder.own()
        if products == nil { try ProductsFolder.ensureBuilt(["producer", "consumer"], in: folder) { print($0) } }
        var options = LocalPipeline.Options(stackPath: stack, fixturesPath: fixtures, productsFolder: folder)
        options.virtualClock = true
        print("Starting the local stack (emulator, stubs, producer, consumer)…")
        let pipeline = try await LocalPipeline.start(options, logger: logger)
        let endpoints = pipeline.endpoints
        print("   webhook \(endpoints.webhookURL)\n   AWS     \(endpoints.awsEndpoint)")
        print("   Asana   \(endpoints.asanaURL)\n   Sentry  \(endpoints.sentryURL)")
        let ok: Bool
        do {
            ok = try await Demo(pipeline: pipeline, fixtures: URL(fileURLWithPath: fixtures)) { print($0) }.run()
        } catch {
            await pipeline.shutdown()
            throw error
        }
        await pipeline.shutdown()
        if !ok { throw ExitCode(1) }
    }
}
