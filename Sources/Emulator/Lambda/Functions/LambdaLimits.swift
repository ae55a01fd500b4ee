/// Lambda's documented quotas that the emulator enforces.
package enum LambdaLimits {
    /// Synchronous invocation request payload (6 MB).
    package static let requestPayload = 6 * 1024 * 1024
    /// Asynchronous (`Event`) invocation request payload (1 MB).
    package static let eventPayload = 1024 * 1024
    /// What the Runtime API accepts as a response body: 6 MiB plus 100 bytes, as the Runtime API's own limit.
    package static let responsePayload = 6 * 1024 * 1024 + 100
    /// The default unreserved account concurrency.
    package static let accountConcurrency = 1000
    /// The time the init phase gets before Lambda gives up on it (10 s).
    package static let initTimeout: Double = 10
    /// Bytes of log tail returned with `LogType: Tail`.
    package static let logTailBytes = 4096
    /// Retries of an asynchronous invocation after a function error.
    package static let asyncRetries = 2
}
