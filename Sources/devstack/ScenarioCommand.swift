import ArgumentParser
import Foundation
import Harness
import Logging

/// `devstack scenario run FILE…`: declarative failure-mode scenarios (see docs/scenarios.md) against a fresh
/// local stack each — the real producer and consumer, the emulator, the stubs — with a PASS/FAIL per scenario,
/// the suite's wall time, a non-zero exit on any failure and JUnit XML for CI.
struct ScenarioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Run declarative scenarios (faults, webhooks, clock steps, expectations) against the local stack.",
        subcommands: [Run.self],
        defaultSubcommand: Run.self
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run scenario files (or every *.yaml of a folder); exit 1 when any fails.",
            discussion: """
                Each scenario gets a fresh stack: the emulator (in-process, or as a child process when the \
                scenario kills it), the Asana and Sentry stubs seeded from fixtures/, and the real producer and \
                consumer executables. Progress is printed step by step; the run ends with PASS/FAIL and the wall \
                time of each scenario and of the suite. The format is described in docs/scenarios.md.

                Example: devstack scenario run fixtures/scenarios/ --junit .build/scenarios.xml
                """
        )

        @Argument(help: "Scenario files, or folders of them (*.yaml, *.yml).") var files: [String]
        @Option(help: "Write JUnit XML here.") var junit: String?
        @Flag(help: "Print the results as one JSON object at the end (progress goes to stderr).") var json = false
        @Option(help: "The stack file.") var stack = "emulator/stack.yaml"
        @Option(help: "The fixtures folder (asana/, sentry/, webhooks/).") var fixtures = "fixtures"
        @Option(help: "Where the producer, consumer and devstack executables are (default: beside devstack).")
        var products: String?
        @Option(help: "Wall-time bound of one scenario, in seconds.") var timeout: Double = 300
        @Option(help: "Keep each scenario's progress and function logs in this folder (<folder>/<scenario>/).")
        var logs: String?
        @Flag(help: "Show the stack's own log lines (warnings and errors) on stderr.") var verbose = false

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one scenario file or folder") }
        }

        func run() async throws {
            let level: Logger.Level = verbose ? .warning : .critical
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let paths = try ScenarioFiles.expand(files)
            let folder = products ?? ProductsFolder.own()
            if products == nil {
                try ProductsFolder.ensureBuilt(["producer", "consumer"], in: folder) {
                    FileHandle.standardError.write(Data("\($0)\n".utf8))
                }
            }
            var settings = ScenarioRunner.Settings(stackPath: stack, fixturesPath: fixtures, productsFolder: folder)
            settings.scenarioTimeout = timeout
            settings.logsFolder = logs
            let toStderr = json
            var logger = Logger(label: "devstack.scenario")
            logger.logLevel = level
            let runner = ScenarioRunner(settings: settings, logger: logger) { line in
                if toStderr {
                    FileHandle.standardError.write(Data((line + "\n").utf8))
                } else {
                    print(line)
                }
            }
            let suite = await runner.run(files: paths)
            if let junit {
                try JUnitReport.xml(suite).write(toFile: junit, atomically: true, encoding: .utf8)
                if !json { print("JUnit XML written to \(junit)") }
            }
            if json {
                let data = try JSONSerialization.data(
                    withJSONObject: suite.json,
                    options: [.sortedKeys, .withoutEscapingSlashes]
                )
                print(String(decoding: data, as: UTF8.self))
            }
            if !suite.passed { throw ExitCode(1) }
        }
    }
}
