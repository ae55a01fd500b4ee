/// The time source of the retry loop: the deadline is compared with `now`, and backoff waits go through `sleep`.
/// Tests pass a fake that advances virtually, so no test waits for real.
public protocol AWSClock: Sendable {
    var now: ContinuousClock.Instant { get }
    func sleep(until deadline: ContinuousClock.Instant) async throws
}

/// The process's `ContinuousClock`.
public struct SystemAWSClock: AWSClock {
    public init() {}

    public var now: ContinuousClock.Instant { ContinuousClock.now }

    public func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await ContinuousClock().sleep(until: deadline, tolerance: nil)
    }
}
