import Foundation
import Logging

/// The event source mappings of the emulator and Lambda's Create/Get/Update/Delete/ListEventSourceMappings over
/// them. An enabled mapping has a running `SQSEventSourceMappingRunner`; disabling or deleting stops it.
package actor SQSEventSourceMappingRegistry {
    private struct Entry {
        var settings: SQSEventSourceMappingSettings
        var runner: SQSEventSourceMappingRunner?
        var lastModified: Date
    }

    private let functions: LambdaFunctionRegistry
    private let queues: any MappingQueueProvider
    private let clock: any LambdaClock
    private let logger: Logger
    /// Where the runners record which invocation got which message and how it ended.
    private let events: MessageEventLog?
    private var entries: [String: Entry] = [:]

    package init(
        functions: LambdaFunctionRegistry,
        queues: any MappingQueueProvider,
        clock: any LambdaClock = SystemLambdaClock(),
        logger: Logger = Logger(label: "emulator.lambda.esm"),
        events: MessageEventLog? = nil
    ) {
        self.functions = functions
        self.queues = queues
        self.clock = clock
        self.logger = logger
        self.events = events
    }

    // MARK: Operations

    /// CreateEventSourceMapping: validates as Lambda does and starts polling when enabled.
    package func create(_ settings: SQSEventSourceMappingSettings) async throws(LambdaAPIError) -> LambdaHTTPResponse {
        let host = try await functions.host(named: settings.functionName)
        var settings = settings
        settings.functionName = host.configuration.name
        if let existing = entries.values.first(where: {
            $0.settings.functionName == settings.functionName && $0.settings.eventSourceARN == settings.eventSourceARN
        }) {
            throw LambdaAPIError(
                .resourceConflict,
                "An event source mapping with SQS arn (\" \(settings.eventSourceARN) \") and function (\" "
                    + "\(settings.functionName) \") already exists. Please update or delete the existing mapping with "
                    + "UUID \(existing.settings.uuid)"
            )
        }
        let queue = try await resolveQueue(settings.eventSourceARN)
        try await validate(settings, host: host, queue: queue)
        entries[settings.uuid] = Entry(settings: settings, runner: nil, lastModified: clock.now)
        if settings.enabled { await startRunner(settings.uuid, host: host, queue: queue) }
        return .json(shape(settings.uuid, state: "Creating"), status: 202)
    }

    package func get(_ uuid: String) throws(LambdaAPIError) -> LambdaHTTPResponse {
        guard entries[uuid] != nil else { throw Self.notFound }
        return .json(shape(uuid, state: nil))
    }

    /// UpdateEventSourceMapping: the fields given replace the current ones; the runner restarts with them.
    package func update(
        _ uuid: String,
        enabled: Bool?,
        batchSize: Int?,
        window: Int?,
        functionResponseTypes: [String]?,
        maximumConcurrency: Int??,
        functionName: String?
    ) async throws(LambdaAPIError) -> LambdaHTTPResponse {
        guard var entry = entries[uuid] else { throw Self.notFound }
        var settings = entry.settings
        if let enabled { settings.enabled = enabled }
        if let batchSize { settings.batchSize = batchSize }
        if let window { settings.maximumBatchingWindowInSeconds = window }
        if let functionResponseTypes {
            settings.reportBatchItemFailures = functionResponseTypes.contains("ReportBatchItemFailures")
        }
        if let maximumConcurrency { settings.maximumConcurrency = maximumConcurrency }
        if let functionName { settings.functionName = functionName }
        let host = try await functions.host(named: settings.functionName)
        settings.functionName = host.configuration.name
        let queue = try await resolveQueue(settings.eventSourceARN)
        try await validate(settings, host: host, queue: queue)
        if let runner = entry.runner { await runner.stop() }
        entry.runner = nil
        entry.settings = settings
        entry.lastModified = clock.now
        entries[uuid] = entry
        if settings.enabled { await startRunner(uuid, host: host, queue: queue) }
        return .json(shape(uuid, state: "Updating"), status: 202)
    }

    /// DeleteEventSourceMapping: stops polling; messages in flight reappear after their visibility timeout.
    package func delete(_ uuid: String) async throws(LambdaAPIError) -> LambdaHTTPResponse {
        guard let entry = entries[uuid] else { throw Self.notFound }
        let answer = LambdaHTTPResponse.json(shape(uuid, state: "Deleting"), status: 202)
        entries[uuid] = nil
        if let runner = entry.runner { await runner.stop() }
        return answer
    }

    /// ListEventSourceMappings, filtered by function and source, paged by `Marker` (a UUID) and `MaxItems`.
    package func list(
        functionName: String?,
        eventSourceARN: String?,
        marker: String?,
        maxItems: Int?
    ) async
        -> LambdaHTTPResponse
    {
        var name: String?
        if let functionName {
            name = (try? await functions.host(named: functionName))?.configuration.name ?? functionName
        }
        let matching = entries.values
            .filter { name == nil || $0.settings.functionName == name }
            .filter { eventSourceARN == nil || $0.settings.eventSourceARN == eventSourceARN }
            .map(\.settings.uuid).sorted()
        let start =
            marker.flatMap { marker in matching.firstIndex { $0 > marker } } ?? (marker == nil ? 0 : matching.count)
        let page = matching[start...].prefix(max(1, min(10_000, maxItems ?? 100)))
        var object: [String: Any] = ["EventSourceMappings": page.map { shape($0, state: nil) }]
        if start + page.count < matching.count, let last = page.last { object["NextMarker"] = last }
        return .json(object)
    }

    /// The runner of a mapping, for inspection.
    package func runner(_ uuid: String) -> SQSEventSourceMappingRunner? { entries[uuid]?.runner }

    /// Stops every runner.
    package func shutdown() async {
        for entry in entries.values { await entry.runner?.stop() }
        for key in entries.keys { entries[key]?.runner = nil }
    }

    // MARK: Internals

    private static let notFound = LambdaAPIError(.resourceNotFound, "The resource you requested does not exist.")

    private func resolveQueue(_ arn: String) async throws(LambdaAPIError) -> any MappingQueue {
        guard arn.hasPrefix("arn:aws:sqs:"), let queue = await queues.queue(arn: arn) else {
            throw LambdaAPIError(
                .invalidParameterValue,
                "Error occurred while ReceiveMessage. SQSError: Queue does not exist: \(arn)"
            )
        }
        return queue
    }

    private func validate(
        _ settings: SQSEventSourceMappingSettings,
        host: LambdaFunctionHost,
        queue: any MappingQueue
    )
        async throws(LambdaAPIError)
    {
        let visibility: Int
        do { visibility = try await queue.visibilityTimeout() } catch {
            throw LambdaAPIError(.invalidParameterValue, "Error occurred while GetQueueAttributes: \(error)")
        }
        if let problem = settings.validate(
            functionTimeout: host.configuration.timeout,
            queueVisibilityTimeout: visibility
        ) {
            throw LambdaAPIError(.invalidParameterValue, problem)
        }
    }

    private func startRunner(_ uuid: String, host: LambdaFunctionHost, queue: any MappingQueue) async {
        guard let settings = entries[uuid]?.settings else { return }
        let runner = SQSEventSourceMappingRunner(
            settings: settings,
            queue: queue,
            function: host,
            clock: clock,
            logger: logger,
            events: events
        )
        do {
            try await runner.start()
            entries[uuid]?.runner = runner
        } catch {
            logger.warning("mapping did not start", metadata: ["mapping": "\(uuid)", "error": "\(error)"])
        }
    }

    private func shape(_ uuid: String, state: String?) -> [String: Any] {
        guard let entry = entries[uuid] else { return [:] }
        let settings = entry.settings
        var object: [String: Any] = [
            "UUID": settings.uuid,
            "BatchSize": settings.batchSize,
            "MaximumBatchingWindowInSeconds": settings.maximumBatchingWindowInSeconds,
            "EventSourceArn": settings.eventSourceARN,
            "FunctionArn":
                "arn:aws:lambda:\(functions.region):\(functions.accountID):function:\(settings.functionName)",
            "LastModified": entry.lastModified.timeIntervalSince1970,
            "State": state ?? (settings.enabled ? "Enabled" : "Disabled"),
            "StateTransitionReason": "USER_INITIATED",
            "FunctionResponseTypes": settings.reportBatchItemFailures ? ["ReportBatchItemFailures"] : [String](),
            "EventSourceMappingArn":
                "arn:aws:lambda:\(functions.region):\(functions.accountID):event-source-mapping:\(settings.uuid)",
        ]
        if let maximumConcurrency = settings.maximumConcurrency {
            object["ScalingConfig"] = ["MaximumConcurrency": maximumConcurrency]
        }
        return object
    }
}
