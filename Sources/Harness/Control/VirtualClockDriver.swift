import Foundation

/// Drives an emulator's virtual clock over the control API: waits until no invocation is under way, then steps
/// the clock, until a condition holds or a limit is reached. The scenarios' `advance_until` and the demo use it,
/// so production's numbers (120 s visibility, ten receives) pass in seconds of wall time.
package struct VirtualClockDriver: Sendable {
    package let admin: AdminClient

    package init(admin: AdminClient) { self.admin = admin }

    /// Why an advance stopped.
    package struct Outcome: Sendable, Equatable {
        /// Whether the condition held at the end.
        package var held: Bool
        /// Seconds of virtual time moved.
        package var moved: Double
        package var steps: Int
        /// Seconds of wall time spent.
        package var wall: Double
    }

    /// Waits (bounded) until no invocation is under way — submitted and not ended, whether it already runs on
    /// an instance or still waits for one to start — so a clock jump cannot time out a running invocation.
    /// Two quiet looks in a row, to let a poller that just woke up submit its batch.
    package func settle(wallLimit: Duration = .seconds(60)) async throws {
        let clock = ContinuousClock()
        let began = clock.now
        var quiet = 0
        while clock.now - began < wallLimit {
            let running = try await admin.invocations(function: nil).filter { $0.outcome == "running" }.count
            quiet = running == 0 ? quiet + 1 : 0
            if quiet >= 2 { return }
            try await Task.sleep(for: .milliseconds(running == 0 ? 5 : 10))
        }
        throw VirtualClockError(
            "an invocation kept running for \(wallLimit) of wall time; the clock was not advanced"
        )
    }

    /// Settles, checks `condition`, and steps the clock by `step` seconds until it holds, the clock moved
    /// `limit` seconds, or `wallLimit` seconds of wall time passed.
    package func advance(
        step: Double,
        limit: Double,
        wallLimit: Double = 120,
        until condition: () async throws -> Bool
    ) async throws -> Outcome {
        let clock = ContinuousClock()
        let began = clock.now
        func wall() -> Double {
            let elapsed = (clock.now - began).components
            return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        }
        var moved = 0.0
        var steps = 0
        let maximumSteps = Int((limit / step).rounded(.up)) + 1
        while true {
            try await settle()
            if try await condition() {
                return Outcome(held: true, moved: moved, steps: steps, wall: wall())
            }
            if steps >= maximumSteps || moved >= limit || wall() > wallLimit {
                return Outcome(held: false, moved: moved, steps: steps, wall: wall())
            }
            _ = try await admin.advanceClock(by: step)
            moved += step
            steps += 1
            // Give the pollers a moment to see the new time before looking for invocations under way.
            try await Task.sleep(for: .milliseconds(15))
        }
    }
}

/// The virtual clock could not be driven.
package struct VirtualClockError: Error, CustomStringConvertible {
    package var description: String

    package init(_ description: String) { self.description = description }
}
