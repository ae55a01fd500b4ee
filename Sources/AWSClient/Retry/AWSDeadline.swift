import Foundation

/// Helpers to state a call's deadline, which every client call takes as a `ContinuousClock.Instant`.
public enum AWSDeadline {
    /// `duration` from now.
    public static func after(_ duration: Duration, clock: any AWSClock = SystemAWSClock()) -> ContinuousClock.Instant {
        clock.now.advanced(by: duration)
    }

    /// The instant of a wall-clock deadline (a Lambda invocation's `Lambda-Runtime-Deadline-Ms`, say), measured
    /// from `now` on the wall clock. A deadline in the past gives an instant in the past: calls then fail fast.
    public static func at(
        _ date: Date,
        now: Date = Date(),
        clock: any AWSClock = SystemAWSClock()
    ) -> ContinuousClock.Instant {
        let seconds = date.timeIntervalSince(now)
        let bounded = min(max(seconds, -86_400), 86_400 * 365)
        return clock.now.advanced(by: .milliseconds(Int64((bounded * 1_000).rounded(.down))))
    }
}
