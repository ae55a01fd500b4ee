/// The SDKs' "standard" retry mode: at most `maxAttempts` attempts; between them an exponential backoff with full
/// jitter (`random(0, 1) * min(maxBackoff, baseDelay * 2^(attempt - 1))`); retried are throttling errors,
/// transient errors (HTTP 500, 502, 503, 504, `RequestTimeout` …) and connection failures/timeouts, while a
/// shared `AWSRetryQuota` stops retry storms when a service is down.
public struct AWSRetryStrategy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxBackoff: Duration
    /// A number in `0..<1`; the default is `Double.random`. Tests pin it.
    public var jitter: @Sendable () -> Double

    public init(
        maxAttempts: Int = 3,
        baseDelay: Duration = .milliseconds(100),
        maxBackoff: Duration = .seconds(20),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxBackoff = maxBackoff
        self.jitter = jitter
    }

    public static let standard = AWSRetryStrategy()
    /// One attempt, no retries.
    public static let none = AWSRetryStrategy(maxAttempts: 1)

    /// Error codes the SDKs treat as throttling (retried, and reported as throttling).
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "EC2ThrottledException",
    ]
    /// Error codes the SDKs treat as transient whatever the status.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "InternalError",
        "InternalFailure", "ServiceUnavailable",
    ]
    /// HTTP statuses the SDKs treat as transient.
    public static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// The wait before attempt `attempt + 1`, after `attempt` attempts failed (`attempt` ≥ 1).
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(maxBackoff, baseDelay * (1 << exponent))
        let fraction = min(max(jitter(), 0), 1)
        return ceiling * fraction
    }
}
