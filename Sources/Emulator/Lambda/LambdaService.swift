import Foundation
import Logging
import Synchronization

/// The emulator's Lambda side, owned by `Emulator`: the functions, the event source mappings over the emulator's
/// own SQS, the Function URL listeners, the log store and the invocation journal, all on the emulator's clock.
/// `Emulator.respond` hands it the Lambda API's paths (after the signature check); `shutdown` stops every
/// mapping, every instance (by PID) and every URL listener.
package final class LambdaService: Sendable {
    package let functions: LambdaFunctionRegistry
    package let mappings: SQSEventSourceMappingRegistry
    package let logs: LambdaLogStore
    package let journal: LambdaInvocationJournal
    let dispatcher: LambdaAPIDispatcher
    private let urlServers = Mutex<[String: FunctionURLServer]>([:])
    private let urlCreated = Mutex<[String: Date]>([:])
    private let clock: any LambdaClock
    private let logger: Logger

    package init(
        sqs: SQSService,
        clock: any LambdaClock,
        region: String,
        accountID: String,
        environment: LambdaEnvironment,
        launcher: any LambdaProcessLauncher = ChildProcessLauncher(),
        logger: Logger
    ) {
        let logs = LambdaLogStore()
        let journal = LambdaInvocationJournal()
        let functions = LambdaFunctionRegistry(
            region: region,
            accountID: accountID,
            clock: clock,
            launcher: launcher,
            environment: environment,
            logs: logs,
            journal: journal,
            logger: logger
        )
        let mappings = SQSEventSourceMappingRegistry(
            functions: functions,
            queues: SQSServiceMappingQueueProvider(sqs: sqs, region: region),
            clock: clock,
            logger: logger,
            events: sqs.events
        )
        self.functions = functions
        self.mappings = mappings
        self.logs = logs
        self.journal = journal
        self.dispatcher = LambdaAPIDispatcher(functions: functions, mappings: mappings)
        self.clock = clock
        self.logger = logger
    }

    /// Whether `path` is the Lambda API's (`/2015-03-31/…`, and `/2021-10-31/…` for Function URL configs).
    package static func handles(path: String) -> Bool {
        path.hasPrefix("/2015-03-31/") || path.hasPrefix("/2021-10-31/")
    }

    /// Answers a Lambda API request whose signature was already checked.
    package func respond(_ request: EmulatorRequest) async -> EmulatorResponse {
        if request.path.hasPrefix("/2021-10-31/") {
            return await functionURLConfig(request).asEmulatorResponse
        }
        return await dispatcher.respond(request)
            ?? LambdaAPIError(.resourceNotFound, "Unknown operation \(request.method) \(request.path)").response
            .asEmulatorResponse
    }

    // MARK: Function URLs

    /// Starts the Function URL listener of a registered function on `address:port` (0: the kernel picks).
    @discardableResult
    package func startFunctionURL(
        function name: String,
        address: String = "127.0.0.1",
        port: Int = 0
    ) async throws
        -> URL
    {
        if let running = functionURL(name) { return running }
        let host = try await functions.host(named: name)
        let server = FunctionURLServer(host: host, address: address, port: port, logger: logger)
        try await server.start()
        urlServers.withLock { $0[name] = server }
        let now = clock.now
        urlCreated.withLock { $0[name] = now }
        return server.url
    }

    /// The URL of a function's running listener.
    package func functionURL(_ name: String) -> URL? { urlServers.withLock { $0[name]?.url } }

    /// Every running Function URL by function name.
    package var functionURLs: [String: URL] { urlServers.withLock { $0.mapValues(\.url) } }

    /// `GET /2021-10-31/functions/NAME/url` (GetFunctionUrlConfig).
    private func functionURLConfig(_ request: EmulatorRequest) async -> LambdaHTTPResponse {
        let parts = request.path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        guard request.method == "GET", parts.count == 4, parts[1] == "functions", parts[3] == "url" else {
            return LambdaAPIError(.resourceNotFound, "Unknown operation \(request.method) \(request.path)").response
        }
        do throws(LambdaAPIError) {
            let host = try await functions.host(named: parts[2])
            let name = host.configuration.name
            guard let url = functionURL(name), let created = urlCreated.withLock({ $0[name] }) else {
                throw LambdaAPIError(.resourceNotFound, "The resource you requested does not exist.")
            }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return .json([
                "FunctionUrl": url.absoluteString, "FunctionArn": host.functionARN, "AuthType": "NONE",
                "CreationTime": formatter.string(from: created), "LastModifiedTime": formatter.string(from: created),
                "InvokeMode": "BUFFERED",
            ])
        } catch {
            return error.response
        }
    }

    // MARK: For alarms and the admin API

    /// When the failed invocations (function error, timeout, crash) of `function` ended, on the emulator's clock,
    /// oldest first: what a CloudWatch `Errors` alarm counts.
    package func failedInvocationEndTimes(function: String) -> [Date] { journal.failureEndTimes(function: function) }

    /// How the function's invocations ended (what its `Errors` alarm evaluates).
    package func invocationEnds(function: String) -> [LambdaInvocationEnd] {
        journal.invocationEnds(function: function)
    }

    /// Forgets the journal and the logs (the admin API's reset); functions, mappings and URLs stay.
    package func clearRecords() {
        journal.removeAll()
        logs.removeAll()
    }

    // MARK: Shutdown

    /// Stops the mappings first (no new batches), then every instance by PID, then the URL listeners.
    package func shutdown() async {
        await mappings.shutdown()
        await functions.shutdown()
        let servers = urlServers.withLock { servers -> [FunctionURLServer] in
            defer { servers = [:] }
            return Array(servers.values)
        }
        for server in servers { await server.shutdown() }
    }
}
