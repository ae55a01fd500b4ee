import Foundation
import TestSupport
import Testing

/// The README's main command, as a user runs it: `devstack demo` on a fresh embedded stack must exit 0 with
/// every expectation held (it starts the real producer and consumer under the emulator's Lambda).
@Suite struct DemoCommandTests {
    @Test func theDemoRunsTheWholePipelineAndEveryExpectationHolds() async throws {
        let result = try await ChildProcess.run(
            BackgroundProcess.productsFolder.appendingPathComponent("devstack").path,
            ["demo"],
            timeout: 300,
            workingDirectory: ChildProcess.packageRoot
        )
        #expect(!result.timedOut)
        #expect(result.status == 0, "devstack demo output:\n\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("Summary: 6 of 6 expectations held"))
        #expect(result.stdout.contains("✔ 8 tasks created for 8 alerts"))
        // Production's numbers on the virtual clock: ten deliveries 155 s apart (120 s visibility + the 5 s
        // window + 30 s), then the DLQ and its alarm.
        #expect(result.stdout.contains("production's numbers: 120 s visibility, 10 receives"))
        #expect(result.stdout.contains("delivery 2 at +155 s"))
        #expect(result.stdout.contains("delivery 10 at +1395 s (155 s after delivery 9)"))
        #expect(
            result.stdout.contains(
                "10 deliveries 155 s apart in virtual time: Lambda receives with 5 s window + 120 s function timeout"
            )
        )
        #expect(result.stdout.contains("/_devstack/dashboard"))
        #expect(result.stdout.contains("sentry-asana-dlq-messages is ALARM"))
    }
}
