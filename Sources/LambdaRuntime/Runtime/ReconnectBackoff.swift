/// How long to wait before calling the Runtime API again after a failure: doubling from `initialDelay` up to
/// `maxDelay`, back to the start after a success. A value type so that the policy is tested without I/O.
public struct ReconnectBackoff: Sendable, Equatable {
    public var initialDelay: Duration
    public var maxDelay: Duration
    /// Failures since the last success.
    public private(set) var consecutiveFailures: Int = 0

    public init(initialDelay: Duration = .milliseconds(50), maxDelay: Duration = .seconds(2)) {
        precondition(initialDelay > .zero && maxDelay >= initialDelay, "backoff delays must be positive and ordered")
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// Records a failure and returns the delay to wait before the next attempt (never zero: no busy loop).
    public mutating func recordFailure() -> Duration {
        consecutiveFailures += 1
        var delay = initialDelay
        var doublings = consecutiveFailures - 1
        while doublings > 0 && delay < maxDelay {
            delay = delay * 2
            doublings -= 1
        }
        return min(delay, maxDelay)
    }

    /// Records a success: the next failure starts again at `initialDelay`.
    public mutating func recordSuccess() {
        consecutiveFailures = 0
    }
}
