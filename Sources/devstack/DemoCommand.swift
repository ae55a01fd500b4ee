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
            when every expectation held. With --keep the stack stays up afterwards (endpoints file written, as
            `devstack up` does) until Ctrl-C, so the dashboard, `devstack dlq list`, `calls asana` and the others
            show what just happened.
            """
    )

    @Option(help: "The stack file.") var stack = "emulator/stack.yaml"
    @Option(help: "The fixtures folder (asana/, sentry/, webhooks/).") var fixtures = "fixtures"
    @Option(help: "Where the producer and consumer executables are (default: beside devstack).")
    var products: String?
    @Flag(help: "Stay up after the demo, until Ctrl-C, with the endpoints file written for the other verbs.")
    var keep = false
    @Option(help: "With --keep, the folder for endpoints.json (default: $DEVSTACK_STATE, else .devstack).")
    var state: String?

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .critical  // the demo reports what matters itself
            return handler
        }
        let logger = Logger(label: "devstack.demo")
        let folder = products ?? ProductsFolder.own()
        let stateFolder = StateFolder.resolve(option: state, environment: ProcessInfo.processInfo.environment)
        if keep { try EndpointsFile.claim(stateFolder) }
        // With --keep, SIGINT and SIGTERM are taken over before any thread starts (the threads started later
        // inherit the blocked mask the signal source needs), so that they stop the stack by PID, during the demo
        // or after it.
        let signals = keep ? StopSignals() : nil
        defer { signals?.cancel() }
        if products == nil { try ProductsFolder.ensureBuilt(["producer", "consumer"], in: folder) { print($0) } }
        var options = LocalPipeline.Options(stackPath: stack, fixturesPath: fixtures, productsFolder: folder)
        options.virtualClock = true
        print("Starting the local stack (emulator in memory, Asana and Sentry stubs, producer, consumer)…")
        let pipeline = try await LocalPipeline.start(options, logger: logger)
        let endpoints = pipeline.endpoints
        print("   dashboard \(endpoints.dashboardURL)")
        print("   webhook   \(endpoints.webhookURL)\n   AWS       \(endpoints.awsEndpoint)")
        print("   Asana     \(endpoints.asanaURL)\n   Sentry    \(endpoints.sentryURL)")
        let demo = Demo(pipeline: pipeline, fixtures: URL(fileURLWithPath: fixtures)) { print($0) }
        let ok: Bool
        do {
            if let signals {
                ok = try await runKept(demo, pipeline: pipeline, in: stateFolder, until: signals)
            } else {
                ok = try await demo.run()
            }
        } catch {
            EndpointsFile.remove(in: stateFolder)
            await pipeline.shutdown()
            throw error
        }
        await pipeline.shutdown()
        if !ok { throw ExitCode(1) }
    }

    /// `--keep`: the demo, raced against SIGINT/SIGTERM; once it ends, the endpoints file written and the stack
    /// left as the demo ended until the signal. One wait on `signals` for both phases: a cancelled wait ends the
    /// signal stream.
    func runKept(
        _ demo: Demo,
        pipeline: LocalPipeline,
        in folder: String,
        until signals: StopSignals
    ) async throws -> Bool {
        // nil: a signal came before the demo ended.
        let outcome = await withTaskGroup(
            of: Result<Bool, any Error>?.self,
            returning: Result<Bool, any Error>?.self
        ) { group in
            group.addTask {
                do { return .success(try await demo.run()) } catch { return .failure(error) }
            }
            group.addTask {
                await signals.wait()
                return nil
            }
            let next: Result<Bool, any Error>?? = await group.next()
            guard let first = next ?? nil else {  // the signal came first
                group.cancelAll()
                return nil
            }
            guard case .success = first else {  // the demo failed
                group.cancelAll()
                return first
            }
            do {
                try EndpointsFile(pipeline: pipeline, command: "demo --keep", virtualClock: true).write(in: folder)
            } catch {
                group.cancelAll()
                return .failure(error)
            }
            print(
                """

                The stack stays up as the demo left it (virtual clock: `devstack clock advance 2m` moves it).
                  Look at it:  \(pipeline.endpoints.dashboardURL)
                  or:          devstack dlq list · devstack calls asana · devstack logs · devstack status
                Endpoints are in \(EndpointsFile.path(in: folder)). Ctrl-C stops everything.
                """
            )
            fflush(nil)  // every stdio stream: the demo's lines show now, not when it exits
            _ = await group.next()  // the signal
            return first
        }
        print("stopping…")
        guard let outcome else { throw ExitCode(130) }  // the caller stops the stack
        EndpointsFile.remove(in: folder)
        return try outcome.get()
    }
}
