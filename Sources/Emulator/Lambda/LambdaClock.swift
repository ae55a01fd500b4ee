import Foundation

/// The time source of everything time-based in the Lambda emulator (invocation deadlines, the batching window,
/// async retries). The emulator's server clock (real or virtual) is adapted to this protocol when the two meet.
package protocol LambdaClock: Sendable {
    /// The current instant on this clock.
    var now: Date { get }
    /// Suspends until `deadline` on this clock; throws `CancellationError` if the task is cancelled first.
    func sleep(until deadline: Date) async throws
}

/// The wall clock.
package struct SystemLambdaClock: LambdaClock {
    package init() {}

    package var now: Date { Date() }

    package func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
    }
}
