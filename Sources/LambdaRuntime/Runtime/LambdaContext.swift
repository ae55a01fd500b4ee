import Foundation
import Logging

/// What a handler knows about the invocation it is running: the ids and deadline from the `/next` headers, the
/// function's environment and a logger carrying the request id.
public struct LambdaContext: Sendable {
    public var requestID: String
    /// Milliseconds since the Unix epoch at which Lambda stops the invocation (`Lambda-Runtime-Deadline-Ms`).
    public var deadlineMilliseconds: Int64
    public var invokedFunctionARN: String?
    /// The X-Ray tracing header (`Lambda-Runtime-Trace-Id`), also exported as `_X_AMZN_TRACE_ID`.
    public var traceID: String?
    /// `Lambda-Runtime-Client-Context`: JSON about the calling mobile app, when there is one.
    public var clientContext: String?
    /// `Lambda-Runtime-Cognito-Identity`: JSON about the caller's Cognito identity, when there is one.
    public var cognitoIdentity: String?
    /// `Lambda-Runtime-Aws-Tenant-Id`, for functions with tenant isolation.
    public var tenantID: String?
    public var environment: LambdaEnvironment
    public var logger: Logger
    public var clock: any LambdaClock

    public init(
        requestID: String,
        deadlineMilliseconds: Int64,
        invokedFunctionARN: String? = nil,
        traceID: String? = nil,
        clientContext: String? = nil,
        cognitoIdentity: String? = nil,
        tenantID: String? = nil,
        environment: LambdaEnvironment,
        logger: Logger,
        clock: any LambdaClock = WallClock()
    ) {
        self.requestID = requestID
        self.deadlineMilliseconds = deadlineMilliseconds
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.tenantID = tenantID
        self.environment = environment
        self.logger = logger
        self.clock = clock
    }

    /// The deadline as a date.
    public var deadline: Date {
        Date(timeIntervalSince1970: Double(deadlineMilliseconds) / 1000)
    }

    /// Time left before the deadline, zero once it has passed.
    public var remainingTime: Duration {
        .milliseconds(max(0, deadlineMilliseconds - clock.nowMilliseconds()))
    }
}
