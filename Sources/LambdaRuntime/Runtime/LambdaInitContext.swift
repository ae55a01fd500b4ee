import Logging

/// What the code that creates the handler gets: the function's environment and a logger.
public struct LambdaInitContext: Sendable {
    public var environment: LambdaEnvironment
    public var logger: Logger

    public init(environment: LambdaEnvironment, logger: Logger) {
        self.environment = environment
        self.logger = logger
    }
}
