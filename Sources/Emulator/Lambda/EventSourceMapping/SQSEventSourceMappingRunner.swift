import Foundation
import LambdaEvents
import Logging

/// Runs one SQS event source mapping: pollers long-poll the queue with the effective visibility timeout, gather
/// batches (`SQSBatchAccumulator`), invoke the function synchronously and delete what `SQSMappingBatchResult` says.
/// Failed messages are left alone: they reappear after the visibility timeout, and SQS counts receives and
/// redrives to the DLQ by itself.
package actor SQSEventSourceMappingRunner {
    package let settings: SQSEventSourceMappingSettings
    private let queue: any MappingQueue
    private let function: LambdaFunctionHost
    private let clock: any LambdaClock
    private let region: String
    private let logger: Logger
    private let events: MessageEventLog?
    private var scaling: SQSPollerScaling
    private var pollers: [Int: Task<Void, Never>] = [:]
    private var visibility = 30
    private var running = false
    /// The latest batch results, oldest first (bounded), for inspection and tests.
    package private(set) var results: [SQSMappingBatchResult] = []
    package private(set) var invocations = 0

    package init(
        settings: SQSEventSourceMappingSettings,
        queue: any MappingQueue,
        function: LambdaFunctionHost,
        clock: any LambdaClock = SystemLambdaClock(),
        logger: Logger = Logger(label: "emulator.lambda.esm"),
        events: MessageEventLog? = nil
    ) {
        self.events = events
        self.settings = settings
        self.queue = queue
        self.function = function
        self.clock = clock
        self.region = function.configuration.region
        var logger = logger
        logger[metadataKey: "mapping"] = "\(settings.uuid)"
        self.logger = logger
        scaling = SQSPollerScaling(
            maximumConcurrency: settings.maximumConcurrency,
            functionConcurrency: function.configuration.concurrencyLimit
        )
    }

    /// Pollers currently wanted.
    package var pollerCount: Int { scaling.pollers }

    /// Reads the queue's visibility timeout and starts the pollers.
    package func start() async throws {
        guard !running else { return }
        let queueVisibility = try await queue.visibilityTimeout()
        visibility = settings.effectiveVisibilityTimeout(
            functionTimeout: function.configuration.timeout,
            queueVisibilityTimeout: queueVisibility
        )
        running = true
        ensurePollers()
    }

    /// Stops polling and waits for the pollers; a batch being processed finishes first.
    package func stop() async {
        running = false
        let tasks = Array(pollers.values)
        pollers = [:]
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    private func ensurePollers() {
        guard running else { return }
        for index in 0..<scaling.pollers where pollers[index] == nil {
            pollers[index] = Task { await self.poll(index) }
        }
    }

    private func stillWanted(_ index: Int) -> Bool { running && index < scaling.pollers }

    private func poll(_ index: Int) async {
        var batch = SQSBatchAccumulator(
            batchSize: settings.batchSize,
            window: Double(settings.maximumBatchingWindowInSeconds)
        )
        while !Task.isCancelled, stillWanted(index) {
            let max = batch.receiveMax
            let messages: [MappingQueueMessage]
            do {
                messages = try await queue.receive(
                    max: max,
                    visibility: visibility,
                    wait: batch.receiveWait(now: clock.now)
                )
            } catch {
                if Task.isCancelled { break }
                logger.warning("receive failed", metadata: ["error": "\(error)"])
                try? await clock.sleep(until: clock.now.addingTimeInterval(1))
                continue
            }
            scaling.received(count: messages.count, max: max, now: clock.now)
            ensurePollers()
            let records = messages.map {
                SQSEventRecord(message: $0, eventSourceARN: settings.eventSourceARN, region: region)
            }
            var ready = batch.add(records, now: clock.now)
            if let due = batch.flushIfDue(now: clock.now) { ready.append(due) }
            for item in ready { await process(item) }
        }
        // Records gathered but not sent are left to reappear after their visibility timeout, as when a poller
        // of Lambda's stops.
        pollers[index] = nil
    }

    private func process(_ batch: SQSBatchAccumulator.Batch) async {
        let giveUpAt = clock.now.addingTimeInterval(Double(visibility))
        var throttles = 0
        while true {
            let invocation = LambdaInvocation(
                payload: batch.event,
                source: .sqs,
                messageIDs: batch.records.map(\.messageId)
            )
            switch await function.invoke(invocation) {
            case .completed(let outcome):
                invocations += 1
                let result = SQSMappingBatchResult.evaluate(
                    records: batch.records,
                    outcome: outcome,
                    reportBatchItemFailures: settings.reportBatchItemFailures
                )
                record(result)
                recordEvents(batch, requestID: invocation.requestID, result: result)
                if !result.delete.isEmpty {
                    do { try await queue.delete(receiptHandles: result.delete) } catch {
                        logger.warning("delete failed", metadata: ["error": "\(error)"])
                    }
                }
                return
            case .throttled:
                // Lambda retries a throttled batch until its messages would reappear anyway.
                throttles += 1
                let next = clock.now.addingTimeInterval(min(8, 0.1 * pow(2, Double(min(throttles, 7)))))
                guard next < giveUpAt else { return }
                try? await clock.sleep(until: next)
            case .shutDown:
                return
            }
        }
    }

    /// Which invocation got each message of the batch, with its receive count, and why a message was not
    /// deleted: for the message timeline (`MessageEventLog`).
    private func recordEvents(_ batch: SQSBatchAccumulator.Batch, requestID: String, result: SQSMappingBatchResult) {
        guard let events else { return }
        let queue = settings.eventSourceARN.split(separator: ":").last.map(String.init) ?? settings.eventSourceARN
        let now = Int64((clock.now.timeIntervalSince1970 * 1000).rounded(.down))
        let reason: String
        switch result.reason {
        case .success: reason = ""
        case .partialFailure: reason = "reported in batchItemFailures"
        case .functionError(let type): reason = "function error \(type)"
        case .invalidBatchResponse(let why): reason = "invalid batch response: \(why)"
        }
        for record in batch.records {
            events.record(
                .invoked,
                queue: queue,
                messageID: record.messageId,
                time: now,
                details: [
                    "requestId": requestID, "function": settings.functionName,
                    "receiveCount": record.attributes.approximateReceiveCount,
                ]
            )
            if result.retry.contains(record.messageId) {
                events.record(
                    .failed,
                    queue: queue,
                    messageID: record.messageId,
                    time: now,
                    details: ["requestId": requestID, "function": settings.functionName, "reason": reason]
                )
            }
        }
    }

    private func record(_ result: SQSMappingBatchResult) {
        results.append(result)
        if results.count > 1000 { results.removeFirst(results.count - 1000) }
        logger.debug(
            "batch processed",
            metadata: [
                "deleted": "\(result.delete.count)", "retried": "\(result.retry.count)", "reason": "\(result.reason)",
            ]
        )
    }
}
