import Foundation

/// What a client does besides its requests: retries, the per-attempt timeout and its time sources. The defaults
/// are the production ones; tests pin the clocks and the jitter.
public struct AWSClientOptions: Sendable {
    public var retry: AWSRetryStrategy
    /// The longest one HTTP attempt may take (never more than what is left before the deadline). Long-polling
    /// calls (ReceiveMessage with WaitTimeSeconds) extend it by the wait.
    public var attemptTimeout: Duration
    /// Deadlines and backoff waits.
    public var clock: any AWSClock
    /// The wall-clock time requests are signed with (`X-Amz-Date`).
    public var wallClock: @Sendable () -> Date
    /// Sent as `User-Agent` (not signed).
    public var userAgent: String

    public init(
        retry: AWSRetryStrategy = .standard,
        attemptTimeout: Duration = .seconds(10),
        clock: any AWSClock = SystemAWSClock(),
        wallClock: @escaping @Sendable () -> Date = { Date() },
        userAgent: String = "sentry-asana-awsclient/1.0"
    ) {
        self.retry = retry
        self.attemptTimeout = attemptTimeout
        self.clock = clock
        self.wallClock = wallClock
        self.userAgent = userAgent
    }
}
