import Foundation
import Harness
import Logging
import TestSupport
import Testing

/// Tests that start a whole stack (emulator, stubs, real producer and consumer) run one at a time: in parallel
/// they would compete for the two cores and for the stubs' wall-time latencies.
@Suite(.serialized) enum StackTests {}

/// Every scenario of `fixtures/scenarios/` through the runner, on the real producer and consumer executables:
/// one test per file, failing with the expectations that did not hold.
extension StackTests {
    @Suite struct ScenarioFileTests {
        static let folder = ChildProcess.packageRoot.appendingPathComponent("fixtures/scenarios")

        static var files: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.sorted()
        }

        @Test func theFolderHoldsTheScenarios() {
            #expect(Self.files.count >= 5, "fixtures/scenarios/ should hold the issue's scenarios, found \(Self.files)")
        }

        @Test(arguments: files) func scenarioPasses(_ file: String) async throws {
            var logger = Logger(label: "scenario-test")
            logger.logLevel = .critical
            let root = ChildProcess.packageRoot
            var settings = ScenarioRunner.Settings(
                stackPath: root.appendingPathComponent("emulator/stack.yaml").path,
                fixturesPath: root.appendingPathComponent("fixtures").path,
                productsFolder: BackgroundProcess.productsFolder.path
            )
            settings.scenarioTimeout = 240
            let runner = ScenarioRunner(settings: settings, logger: logger) { _ in }
            let scenario = try ScenarioParser.load(path: Self.folder.appendingPathComponent(file).path)
            let result = await runner.run(scenario)
            #expect(result.error == nil, "\(file): \(result.error ?? "")\n\(result.log.joined(separator: "\n"))")
            #expect(result.failures.isEmpty, "\(file):\n\(result.log.joined(separator: "\n"))")
        }
    }
}
