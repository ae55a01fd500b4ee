import Foundation

/// The emulator's clock (system or virtual) as the Lambda side reads it: invocation deadlines, the batching
/// window and async retries then follow `--virtual-clock` like every other timer of the emulator.
package struct EmulatorLambdaClock: LambdaClock {
    package let clock: any EmulatorClock

    package init(_ clock: any EmulatorClock) { self.clock = clock }

    package var now: Date { clock.now() }

    package func sleep(until deadline: Date) async throws {
        await clock.sleep(until: deadline)
        try Task.checkCancellation()
    }
}
