import Foundation
import Logging
import Stubs
import Synchronization
import Topology

/// Runs scenario files one after the other, each on a fresh stack, printing progress a person can follow and
/// ending with a PASS/FAIL line per scenario and the suite's wall time.
package struct ScenarioRunner: Sendable {
    package struct Settings: Sendable {
        /// `emulator/stack.yaml`.
        package var stackPath: String
        /// The repository's `fixtures/` (a scenario's `seed` replaces it).
        package var fixturesPath: String
        /// Where `producer`, `consumer` (and `devstack`, for child-process emulators) are.
        package var productsFolder: String
        /// Wall-time bound of one scenario.
        package var scenarioTimeout: Double = 300
        /// Where each scenario's function logs and progress go (`<folder>/<scenario file>/<function>.log`), for
        /// CI to keep as artifacts; nil keeps none.
        package var logsFolder: String?

        package init(stackPath: String, fixturesPath: String, productsFolder: String) {
            self.stackPath = stackPath
            self.fixturesPath = fixturesPath
            self.productsFolder = productsFolder
        }
    }

    package var settings: Settings
    package var logger: Logger
    package var say: @Sendable (String) -> Void

    package init(settings: Settings, logger: Logger, say: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.logger = logger
        self.say = say
    }

    /// Loads and runs every file; a file that does not parse is reported as an error and the others still run.
    package func run(files: [String]) async -> ScenarioSuiteResult {
        let startedAt = Date()
        let clock = ContinuousClock()
        let started = clock.now
        var results: [ScenarioResult] = []
        for (index, file) in files.enumerated() {
            defer {
                // One line per scenario as it finishes, so a long suite shows where it is.
                if let result = results.last {
                    say(
                        "[\(index + 1)/\(files.count)] \(result.passed ? "PASS" : "FAIL")  \(result.name)  "
                            + String(format: "(%.2f s)", result.seconds)
                    )
                }
            }
            do {
                let scenario = try ScenarioParser.load(path: file)
                results.append(await run(scenario))
            } catch {
                say("✘ \(error)")
                results.append(
                    ScenarioResult(
                        name: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent,
                        file: file,
                        error: error.description
                    )
                )
            }
        }
        let suite = ScenarioSuiteResult(
            results: results,
            seconds: Self.seconds(clock.now - started),
            startedAt: startedAt
        )
        say("")
        for result in suite.results {
            let time = String(format: "%.2f s", result.seconds)
            say("\(result.passed ? "PASS" : "FAIL")  \(result.name)  (\(time))")
            for failure in result.failures { say("      \(failure)") }
            if let error = result.error { say("      \(error)") }
        }
        let passed = suite.results.filter(\.passed).count
        say(
            "\n\(passed) of \(suite.results.count) scenarios passed; suite wall time \(String(format: "%.2f s", suite.seconds))"
        )
        return suite
    }

    /// Runs one scenario on a fresh stack.
    package func run(_ scenario: Scenario) async -> ScenarioResult {
        let clock = ContinuousClock()
        let started = clock.now
        let lines = LineCollector(say: say)
        lines.add("\n▶ \(scenario.name) — \(scenario.file)")
        if !scenario.description.isEmpty {
            lines.add("  \(scenario.description.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        var result = ScenarioResult(name: scenario.name, file: scenario.file, description: scenario.description)
        let fixtures =
            scenario.seed.map { seed in
                seed.hasPrefix("/")
                    ? seed
                    : URL(fileURLWithPath: scenario.file).deletingLastPathComponent().appendingPathComponent(seed).path
            } ?? settings.fixturesPath
        let handle: any ScenarioStackHandle
        do {
            lines.add(
                "  starting the stack (\(scenario.clock) clock, emulator \(scenario.needsEmulatorProcess ? "as a child process" : "in-process"))"
            )
            if scenario.needsEmulatorProcess {
                handle = try await ChildProcessScenarioStack.start(
                    scenario: scenario,
                    settings: settings,
                    fixtures: fixtures,
                    logger: logger
                )
            } else {
                handle = try await InProcessScenarioStack.start(
                    scenario: scenario,
                    settings: settings,
                    fixtures: fixtures,
                    logger: logger
                )
            }
            let unknown = scenario.stack.unknownNames(in: handle.stack)
            if !unknown.isEmpty {
                await handle.shutdown()
                throw ScenarioRunError("the stack has no \(unknown.joined(separator: ", "))")
            }
            do {
                if let document = scenario.seedAsana {
                    _ = try handle.stubs.asana.seed(document)
                    lines.add(
                        "  seeded the Asana stub: \(document.object?.keys.sorted().joined(separator: ", ") ?? "")"
                    )
                }
                if let document = scenario.seedSentry {
                    _ = try handle.stubs.sentry.seed(document)
                    lines.add(
                        "  seeded the Sentry stub: \(document.object?.keys.sorted().joined(separator: ", ") ?? "")"
                    )
                }
            } catch {
                await handle.shutdown()
                throw ScenarioRunError("seed: \(error)")
            }
            lines.add("  stack ready in \(String(format: "%.2f s", Self.seconds(clock.now - started)))")
        } catch {
            result.error = "the stack did not start: \(error)"
            lines.add("  ✘ \(result.error!)")
            result.seconds = Self.seconds(clock.now - started)
            result.log = lines.lines
            return result
        }
        var execution = ScenarioExecution(
            scenario: scenario,
            handle: handle,
            fixtures: URL(fileURLWithPath: fixtures),
            lines: lines,
            logger: logger,
            wallLimit: settings.scenarioTimeout
        )
        result.failures = await execution.run()
        result.seconds = Self.seconds(clock.now - started)
        lines.add("  \(result.passed ? "✔ passed" : "✘ failed") in \(String(format: "%.2f s", result.seconds))")
        result.log = lines.lines
        if let folder = settings.logsFolder {
            await keepLogs(
                of: scenario,
                in: folder,
                admin: await execution.admin(),
                functions: handle.stack.functions.map(\.name),
                progress: result.log
            )
        }
        await execution.finish()
        return result
    }

    /// Writes the scenario's progress lines and every function's log (as the emulator's log store holds them) to
    /// `<folder>/<scenario file name>/`. Best effort: a log that cannot be read is named in its file, never a
    /// failure of the scenario.
    private func keepLogs(
        of scenario: Scenario,
        in folder: String,
        admin: AdminClient,
        functions: [String],
        progress: [String]
    ) async {
        let name = URL(fileURLWithPath: scenario.file).deletingPathExtension().lastPathComponent
        let directory = URL(fileURLWithPath: folder).appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func write(_ lines: [String], to file: String) {
            try? Data((lines.joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent(file))
        }
        write(progress, to: "progress.log")
        for function in functions {
            do {
                write(try await admin.logLines(function: function), to: "\(function).log")
            } catch {
                write(["(the log of \(function) could not be read: \(error))"], to: "\(function).log")
            }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Progress lines: printed as they come and kept for the report.
final class LineCollector: Sendable {
    private let state = Mutex<[String]>([])
    let say: @Sendable (String) -> Void

    init(say: @escaping @Sendable (String) -> Void) { self.say = say }

    func add(_ line: String) {
        state.withLock { $0.append(line) }
        say(line)
    }

    var lines: [String] { state.withLock { $0 } }
}
