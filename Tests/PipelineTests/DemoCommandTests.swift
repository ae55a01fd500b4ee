import Foundation
import TestSupport
import Testing

/// The README's main command, as a user runs it: `devstack demo` on a fresh embedded stack must exit 0 with
/// every expectation held (it starts the real producer and consumer under the emulator's Lambda).
@Suite struct DemoCommandTests {
    @Test func theDemoRunsTheWholePipelineAndEveryExpectationHolds() throws {
        let result = try ChildProcess.run(
            BackgroundProcess.productsFolder.appendingPathComponent("devstack").path,
            ["demo"],
            timeout: 300,
            workingDirectory: ChildProcess.packageRoot
        )
        #expect(!result.timedOut)
        #expect(result.status == 0, "devstack demo output:\n\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("Summary: 4 of 4 expectations held"))
        #expect(result.stdout.contains("✔ 8 tasks created for 8 alerts"))
    }
}
