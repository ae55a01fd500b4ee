import Foundation
import Logging
import Stubs
import Topology

/// The emulator, the stubs and the functions in this process (`LocalPipeline`); the scenario still talks to the
/// emulator over HTTP. It cannot be killed: scenarios that kill the emulator run `ChildProcessScenarioStack`.
final class InProcessScenarioStack: ScenarioStackHandle {
    let pipeline: LocalPipeline

    init(pipeline: LocalPipeline) {
        self.pipeline = pipeline
    }

    static func start(
        scenario: Scenario,
        settings: ScenarioRunner.Settings,
        fixtures: String,
        logger: Logger
    ) async throws -> InProcessScenarioStack {
        var options = LocalPipeline.Options(
            stackPath: settings.stackPath,
            fixturesPath: fixtures,
            productsFolder: settings.productsFolder
        )
        options.virtualClock = scenario.clock == .virtual
        let adjustments = scenario.stack
        options.adjust = { adjustments.apply(to: &$0) }
        return InProcessScenarioStack(pipeline: try await LocalPipeline.start(options, logger: logger))
    }

    var awsEndpoint: URL { URL(string: pipeline.endpoints.awsEndpoint)! }
    var webhookURL: URL { URL(string: pipeline.endpoints.webhookURL)! }
    var stubs: StubStack { pipeline.stubs }
    var stack: StackTopology { pipeline.stack }

    func killEmulator() async throws {
        throw ScenarioRunError("this stack runs the emulator in-process; kill_emulator needs a child-process emulator")
    }

    func restartEmulator() async throws {
        throw ScenarioRunError("this stack runs the emulator in-process; it cannot be restarted")
    }

    func shutdown() async { await pipeline.shutdown() }
}
