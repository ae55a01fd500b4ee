import Foundation
import Harness
import Logging
import TestSupport
import Testing

/// The runner's own behaviour, on a real stack: an expectation that does not hold fails the scenario with its
/// field and what was found, later steps do not run, and the CLI turns failures into exit code 1 and JUnit XML.
extension StackTests {
    @Suite struct ScenarioRunnerTests {
        static var settings: ScenarioRunner.Settings {
            let root = ChildProcess.packageRoot
            var settings = ScenarioRunner.Settings(
                stackPath: root.appendingPathComponent("emulator/stack.yaml").path,
                fixturesPath: root.appendingPathComponent("fixtures").path,
                productsFolder: BackgroundProcess.productsFolder.path
            )
            settings.scenarioTimeout = 60
            return settings
        }

        static var logger: Logger {
            var logger = Logger(label: "scenario-runner-test")
            logger.logLevel = .critical
            return logger
        }

        @Test func anExpectationThatDoesNotHoldFailsTheScenarioWithItsFieldAndStopsIt() async throws {
            let scenario = try ScenarioParser.parse(
                """
                name: wrong on purpose
                steps:
                  - expect:
                      - queue: {name: sentry-asana-message-queue, messages: 0}
                      - tasks: {count: 1}
                  - send: {fixture: event_alert-go-dev-detections.json, expect_status: 200}
                """,
                file: "wrong.yaml"
            )
            let result = await ScenarioRunner(settings: Self.settings, logger: Self.logger) { _ in }.run(scenario)
            #expect(result.error == nil)
            #expect(!result.passed)
            #expect(result.failures == ["steps[0].expect[1].tasks: expected 1 tasks, found 0 (of 0)"])
            #expect(!result.log.contains { $0.contains("sent 1 ×") }, "the send after the failed step must not run")
            #expect(result.seconds > 0)
        }

        @Test func aWrongAnswerStatusFailsTheSendStep() async throws {
            let scenario = try ScenarioParser.parse(
                """
                name: forged but expecting 200
                steps:
                  - send: {fixture: event_alert-go-dev-detections.json, signature: forged, expect_status: 200}
                """,
                file: "forged.yaml"
            )
            let result = await ScenarioRunner(settings: Self.settings, logger: Self.logger) { _ in }.run(scenario)
            #expect(result.failures == ["steps[0].send: expected every answer to be HTTP 200, got 1 × HTTP 401"])
        }

        @Test func advanceUntilGivesUpAtItsLimitAndSaysWhatWasNotTrue() async throws {
            let scenario = try ScenarioParser.parse(
                """
                name: nothing will come
                clock: virtual
                steps:
                  - advance_until: {step: 5s, max: 15s, until: [{tasks: {count: 1}}]}
                """,
                file: "never.yaml"
            )
            let result = await ScenarioRunner(settings: Self.settings, logger: Self.logger) { _ in }.run(scenario)
            #expect(
                result.failures == [
                    "steps[0]: still not true after advancing the clock 15 s",
                    "steps[0].advance_until.until[0].tasks: expected 1 tasks, found 0 (of 0)",
                ]
            )
        }

        @Test func aStackAdjustmentNamingNothingIsAnError() async throws {
            let scenario = try ScenarioParser.parse(
                """
                name: typo in the stack
                stack:
                  queues:
                    sentry-asana-queu: {VisibilityTimeout: 30}
                steps:
                  - expect: {tasks: {count: 0}}
                """,
                file: "typo.yaml"
            )
            let result = await ScenarioRunner(settings: Self.settings, logger: Self.logger) { _ in }.run(scenario)
            #expect(result.error?.contains("stack.queues.sentry-asana-queu") == true, "\(result.error ?? "no error")")
        }

        @Test func theCLIExitsOneOnAFailureAndWritesJUnit() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "scenario-cli-\(UUID().uuidString)"
            )
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let good = folder.appendingPathComponent("a-good.yaml")
            let bad = folder.appendingPathComponent("b-bad.yaml")
            let broken = folder.appendingPathComponent("c-broken.yaml")
            try "name: nothing to do\nsteps:\n  - expect: {tasks: {count: 0}}\n".write(
                to: good,
                atomically: true,
                encoding: .utf8
            )
            try "name: wrong\nsteps:\n  - expect: {tasks: {count: 3}}\n".write(
                to: bad,
                atomically: true,
                encoding: .utf8
            )
            try "name: broken\nsteps:\n  - expect: {tasks: {cuont: 3}}\n".write(
                to: broken,
                atomically: true,
                encoding: .utf8
            )
            let junit = folder.appendingPathComponent("junit.xml")
            let root = ChildProcess.packageRoot
            let result = try await ChildProcess.run(
                BackgroundProcess.productsFolder.appendingPathComponent("devstack").path,
                ["scenario", "run", folder.path, "--junit", junit.path],
                timeout: 120,
                workingDirectory: root
            )
            #expect(!result.timedOut)
            #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("PASS  nothing to do"))
            #expect(result.stdout.contains("FAIL  wrong"))
            #expect(result.stdout.contains("FAIL  c-broken"))
            #expect(result.stdout.contains("steps[0].expect.tasks.cuont: unknown field"))
            #expect(result.stdout.contains("1 of 3 scenarios passed; suite wall time"))
            // Progress: one line per scenario as it finishes, in order, before the summary.
            let progress = result.stdout.split(separator: "\n").filter { $0.hasPrefix("[") }.map {
                $0.split(separator: " ").prefix(2).joined(separator: " ")
            }
            #expect(progress == ["[1/3] PASS", "[2/3] FAIL", "[3/3] FAIL"], "\(result.stdout)")
            let xml = try String(contentsOf: junit, encoding: .utf8)
            #expect(xml.contains(#"tests="3" failures="1" errors="1""#))
            #expect(xml.contains("steps[0].expect.tasks: expected 3 tasks, found 0 (of 0)"))

            let passing = try await ChildProcess.run(
                BackgroundProcess.productsFolder.appendingPathComponent("devstack").path,
                ["scenario", "run", good.path, "--json"],
                timeout: 120,
                workingDirectory: root
            )
            #expect(passing.status == 0, "\(passing.stdout)\n\(passing.stderr)")
            let line = try #require(passing.stdout.split(separator: "\n").last)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["passed"] as? Bool == true)
            #expect(object["scenarios"] as? Int == 1)
        }
    }
}
