import Foundation
import Logging

/// The custom-runtime loop: creates the handler once, then asks the Runtime API for the next invocation, runs
/// the handler and posts its response or error, for as long as the process lives.
///
/// ```swift
/// try await LambdaRuntime(handler: MyHandler()).run()
/// // or, to report start-up failures to /runtime/init/error:
/// try await LambdaRuntime { context in try await MyHandler(loadingFrom: context.environment) }.run()
/// ```
///
/// One invocation never ends the loop: a throwing handler is reported on `/error`, a refused response is logged.
/// The loop ends when the task is cancelled, when the Runtime API answers 500 (AWS: a non-recoverable container
/// error after which the runtime must exit) or after `maxConsecutiveNextFailures` failed `/next` calls in a row
/// (unreachable, refused, or unusable because the answer has no request id); every failed `/next` is followed by
/// a growing, capped wait, so a broken Runtime API is never spun on.
public struct LambdaRuntime: Sendable {
    let makeHandler: @Sendable (LambdaInitContext) async throws -> any LambdaRawHandler
    let environment: LambdaEnvironment?
    let transport: (any RuntimeAPITransport)?
    let configuration: LambdaRuntimeConfiguration
    let logger: Logger

    public static let traceIDVariable = "_X_AMZN_TRACE_ID"
    static let initFunctionErrorType = "Runtime.InitError"
    static let handlerFunctionErrorType = "Unhandled"

    /// - Parameters:
    ///   - environment: the Lambda variables; read from the process environment when nil.
    ///   - transport: how to reach the Runtime API; URLSession to `AWS_LAMBDA_RUNTIME_API` when nil.
    ///   - makeRawHandler: creates the handler, once. When it throws, the error goes to `/runtime/init/error`
    ///     and `run` throws `.initializationFailed`.
    public init(
        environment: LambdaEnvironment? = nil,
        transport: (any RuntimeAPITransport)? = nil,
        configuration: LambdaRuntimeConfiguration = .init(),
        logger: Logger = Logger(label: "LambdaRuntime"),
        makeRawHandler: @escaping @Sendable (LambdaInitContext) async throws -> any LambdaRawHandler
    ) {
        self.makeHandler = makeRawHandler
        self.environment = environment
        self.transport = transport
        self.configuration = configuration
        self.logger = logger
    }

    /// A runtime for a typed handler created, once, by `makeHandler`.
    public init<Handler: LambdaHandler>(
        environment: LambdaEnvironment? = nil,
        transport: (any RuntimeAPITransport)? = nil,
        configuration: LambdaRuntimeConfiguration = .init(),
        logger: Logger = Logger(label: "LambdaRuntime"),
        makeHandler: @escaping @Sendable (LambdaInitContext) async throws -> Handler
    ) {
        self.init(
            environment: environment,
            transport: transport,
            configuration: configuration,
            logger: logger,
            makeRawHandler: { context in LambdaCodableAdapter(try await makeHandler(context)) }
        )
    }

    /// A runtime for a typed handler that already exists.
    public init<Handler: LambdaHandler>(
        handler: Handler,
        environment: LambdaEnvironment? = nil,
        transport: (any RuntimeAPITransport)? = nil,
        configuration: LambdaRuntimeConfiguration = .init(),
        logger: Logger = Logger(label: "LambdaRuntime")
    ) {
        self.init(
            environment: environment,
            transport: transport,
            configuration: configuration,
            logger: logger,
            makeRawHandler: { _ in LambdaCodableAdapter(handler) }
        )
    }

    /// A runtime for a raw-bytes handler that already exists.
    public init(
        rawHandler: any LambdaRawHandler,
        environment: LambdaEnvironment? = nil,
        transport: (any RuntimeAPITransport)? = nil,
        configuration: LambdaRuntimeConfiguration = .init(),
        logger: Logger = Logger(label: "LambdaRuntime")
    ) {
        self.init(
            environment: environment,
            transport: transport,
            configuration: configuration,
            logger: logger,
            makeRawHandler: { _ in rawHandler }
        )
    }

    /// Runs invocations until the task is cancelled or the runtime must exit (see the type's documentation).
    public func run() async throws {
        _ = try await run(limit: nil)
    }

    /// Runs exactly `maxInvocations` invocations (each answered with a response or an error, or found
    /// undeliverable) and returns what became of each; for tests and the emulator's one-shot mode.
    public func run(maxInvocations: Int) async throws -> [LambdaInvocationOutcome] {
        try await run(limit: max(0, maxInvocations))
    }

    /// The loop. Outcomes are kept only when there is a limit, so that a process running forever does not grow.
    func run(limit: Int?) async throws -> [LambdaInvocationOutcome] {
        let environment = try self.environment ?? LambdaEnvironment()
        let client = RuntimeAPIClient(
            transport: transport ?? URLSessionRuntimeAPITransport(baseURL: environment.baseURL)
        )
        let handler = try await initialize(environment: environment, client: client)
        var backoff = configuration.backoff
        var outcomes: [LambdaInvocationOutcome] = []
        var completed = 0
        do {
            while limit.map({ completed < $0 }) ?? true {
                try Task.checkCancellation()
                let response: RuntimeAPIResponse
                do {
                    response = try await client.next()
                } catch let error as LambdaRuntimeError {
                    try await waitAfterFailedNext(error, backoff: &backoff)
                    continue
                }
                let outcome: LambdaInvocationOutcome
                do {
                    let invocation = try LambdaInvocation(response: response)
                    backoff.recordSuccess()
                    outcome = try await runInvocation(
                        invocation,
                        handler: handler,
                        environment: environment,
                        client: client
                    )
                } catch let error as LambdaInvocation.InvalidInvocation {
                    logger.error("invalid invocation from the runtime API", metadata: ["error": "\(error.message)"])
                    guard let requestID = error.requestID else {
                        // Nothing to answer: treat it like a failed /next, so that a broken API cannot spin us.
                        try await waitAfterFailedNext(
                            LambdaRuntimeError(.invalidInvocation, error.message, path: RuntimeAPIClient.nextPath),
                            backoff: &backoff
                        )
                        continue
                    }
                    backoff.recordSuccess()
                    let runtimeError = LambdaRuntimeError(
                        .invalidInvocation,
                        error.message,
                        path: RuntimeAPIClient.nextPath
                    )
                    outcome = try await reportError(runtimeError, requestID: requestID, client: client, logger: logger)
                }
                completed += 1
                if limit != nil { outcomes.append(outcome) }
            }
        } catch let exit as ContainerErrorExit {
            throw exit.error
        }
        return outcomes
    }

    /// Creates the handler; on failure posts `/runtime/init/error` and throws `.initializationFailed`.
    func initialize(environment: LambdaEnvironment, client: RuntimeAPIClient) async throws -> any LambdaRawHandler {
        do {
            return try await makeHandler(LambdaInitContext(environment: environment, logger: logger))
        } catch {
            let document = LambdaErrorDocument(error)
            let functionErrorType =
                (error as? any LambdaReportableError)?.functionErrorType
                ?? Self.initFunctionErrorType
            logger.error(
                "handler initialisation failed",
                metadata: ["error-type": "\(document.errorType)", "error": "\(document.errorMessage)"]
            )
            do {
                try await deliver(path: RuntimeAPIClient.initErrorPath) {
                    try await client.postInitError(error: document, functionErrorType: functionErrorType)
                }
            } catch {
                logger.error("init error not delivered", metadata: ["error": "\(error)"])
            }
            throw LambdaRuntimeError(.initializationFailed, "creating the handler failed", underlying: error)
        }
    }

    /// After `/next` failed: 500 ends the loop; anything else waits (bounded, growing) and lets the loop retry.
    func waitAfterFailedNext(_ error: LambdaRuntimeError, backoff: inout ReconnectBackoff) async throws {
        if error.code == .containerError {
            logger.critical("runtime API reported a container error", metadata: ["error": "\(error)"])
            throw error
        }
        let delay = backoff.recordFailure()
        if let limit = configuration.maxConsecutiveNextFailures, backoff.consecutiveFailures >= limit {
            logger.error(
                "runtime API unreachable, giving up",
                metadata: ["error": "\(error)", "failures": "\(backoff.consecutiveFailures)"]
            )
            throw error
        }
        logger.warning(
            "next invocation failed, retrying",
            metadata: [
                "error": "\(error)", "failures": "\(backoff.consecutiveFailures)", "delay": "\(delay)",
            ]
        )
        try await Task.sleep(for: delay)
    }

    func runInvocation(
        _ invocation: LambdaInvocation,
        handler: any LambdaRawHandler,
        environment: LambdaEnvironment,
        client: RuntimeAPIClient
    ) async throws -> LambdaInvocationOutcome {
        var logger = self.logger
        logger[metadataKey: "aws-request-id"] = .string(invocation.requestID)
        if configuration.exportsTraceID {
            if let traceID = invocation.traceID {
                setenv(Self.traceIDVariable, traceID, 1)
            } else {
                unsetenv(Self.traceIDVariable)
            }
        }
        let context = LambdaContext(
            requestID: invocation.requestID,
            deadlineMilliseconds: invocation.deadlineMilliseconds,
            invokedFunctionARN: invocation.invokedFunctionARN,
            traceID: invocation.traceID,
            clientContext: invocation.clientContext,
            cognitoIdentity: invocation.cognitoIdentity,
            tenantID: invocation.tenantID,
            environment: environment,
            logger: logger,
            clock: configuration.clock
        )
        logger.debug("invocation started", metadata: ["event-bytes": "\(invocation.event.count)"])
        let output: Data
        do {
            output = try await handler.handle(invocation.event, context: context)
        } catch {
            if error is CancellationError, Task.isCancelled { throw error }
            return try await reportError(error, requestID: invocation.requestID, client: client, logger: logger)
        }
        do {
            try await deliver(path: RuntimeAPIClient.responsePath(invocation.requestID)) {
                try await client.postResponse(requestID: invocation.requestID, body: output)
            }
            logger.debug("invocation responded", metadata: ["response-bytes": "\(output.count)"])
            return LambdaInvocationOutcome(requestID: invocation.requestID, result: .responded)
        } catch let error as LambdaRuntimeError {
            logger.error("response not delivered", metadata: ["error": "\(error)"])
            return LambdaInvocationOutcome(requestID: invocation.requestID, result: .undelivered(error))
        }
    }

    /// Posts `error` as the invocation's error.
    func reportError(
        _ error: any Error,
        requestID: String,
        client: RuntimeAPIClient,
        logger: Logger
    ) async throws -> LambdaInvocationOutcome {
        let document = LambdaErrorDocument(error)
        let functionErrorType =
            (error as? any LambdaReportableError)?.functionErrorType
            ?? Self.handlerFunctionErrorType
        logger.error(
            "invocation failed",
            metadata: ["error-type": "\(document.errorType)", "function-error-type": "\(functionErrorType)"]
        )
        do {
            try await deliver(path: RuntimeAPIClient.errorPath(requestID)) {
                try await client.postError(requestID: requestID, error: document, functionErrorType: functionErrorType)
            }
            return LambdaInvocationOutcome(
                requestID: requestID,
                result: .reportedError(document, functionErrorType: functionErrorType)
            )
        } catch let error as LambdaRuntimeError {
            logger.error("error report not delivered", metadata: ["error": "\(error)"])
            return LambdaInvocationOutcome(requestID: requestID, result: .undelivered(error))
        }
    }

    /// Runs one post, retrying only lost connections (`postAttempts` in all, with the backoff's delays). A 500
    /// answer is rethrown as-is for the loop to end; every other failure surfaces as a `LambdaRuntimeError`.
    func deliver(path: String, _ post: () async throws -> Void) async throws {
        var backoff = configuration.backoff
        var attempt = 1
        while true {
            do {
                try await post()
                return
            } catch let error as LambdaRuntimeError {
                if error.code == .containerError {
                    logger.critical("runtime API reported a container error", metadata: ["error": "\(error)"])
                    throw ContainerErrorExit(error: error)
                }
                guard error.code == .connectionFailed, attempt < configuration.postAttempts else { throw error }
                attempt += 1
                try await Task.sleep(for: backoff.recordFailure())
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw LambdaRuntimeError(.unexpectedStatus, "posting failed", path: path, underlying: error)
            }
        }
    }
}

/// Carries a 500 from a post past the per-invocation error handling, so that it ends the loop.
struct ContainerErrorExit: Error {
    var error: LambdaRuntimeError
}
