/// How the runtime loop behaves around failures of the Runtime API.
public struct LambdaRuntimeConfiguration: Sendable {
    /// Waits between attempts after `/next` failed: the Runtime API could not be reached, answered a status other
    /// than 200 and 500, or answered without a request id.
    public var backoff: ReconnectBackoff
    /// Give up (and let the process exit) after this many failed calls to `/next` in a row; nil retries forever,
    /// which is what a function inside Lambda wants (the sandbox, not the runtime, decides when to stop).
    public var maxConsecutiveNextFailures: Int?
    /// Attempts to deliver a response or an error when the connection fails (HTTP answers are never retried).
    public var postAttempts: Int
    /// Set `_X_AMZN_TRACE_ID` in the process environment for each invocation, as Lambda's runtimes do.
    public var exportsTraceID: Bool
    /// The clock for `LambdaContext.remainingTime`.
    public var clock: any LambdaClock

    public init(
        backoff: ReconnectBackoff = ReconnectBackoff(),
        maxConsecutiveNextFailures: Int? = nil,
        postAttempts: Int = 3,
        exportsTraceID: Bool = true,
        clock: any LambdaClock = WallClock()
    ) {
        self.backoff = backoff
        self.maxConsecutiveNextFailures = maxConsecutiveNextFailures
        self.postAttempts = max(1, postAttempts)
        self.exportsTraceID = exportsTraceID
        self.clock = clock
    }
}
