import AsanaAPI
import Foundation
import Logging
import Routing
import SentryAPI
import ServiceSupport

/// The consumer: processes a batch of SQS records concurrently (bounded) and answers with exactly the
/// failed records' ids.
public struct ConsumerHandler: Sendable {
    public var configuration: ConsumerConfiguration
    let processor: RecordProcessor
    let visibility: any VisibilityExtender
    /// The tokens refused during a batch (`RefusalWatchingTransport` fills it in the live wiring).
    let refusals: CredentialRefusals
    /// Where the embedded-metric line of a refused token goes: the function's log (stdout).
    let emitMetric: @Sendable (String) -> Void

    public init(
        configuration: ConsumerConfiguration,
        table: RoutingTable,
        sentry: any SentryAPIClient,
        asana: any AsanaAPIClient,
        deadLetters: any DeadLetterSink,
        visibility: any VisibilityExtender,
        clock: any ServiceClock = SystemClock(),
        refusals: CredentialRefusals = CredentialRefusals(),
        emitMetric: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
    ) {
        self.configuration = configuration
        self.visibility = visibility
        self.refusals = refusals
        self.emitMetric = emitMetric
        processor = RecordProcessor(
            configuration: configuration,
            table: table,
            sentry: sentry,
            asana: asana,
            deadLetters: deadLetters,
            clock: clock
        )
    }

    /// Throws only for a problem with the batch itself (then the whole invocation fails and every record
    /// returns): a batch that repeats a message id.
    public func handle(
        _ records: [ConsumerRecord],
        deadline: Deadline,
        logger: Logger
    ) async throws(BatchError) -> ConsumerBatchResult {
        let ids = records.map(\.messageID)
        guard Set(ids).count == ids.count else { throw BatchError(message: "the batch repeats a message id") }
        let limit = max(1, configuration.maxConcurrency)
        var outcomes: [String: RecordOutcome] = [:]
        await withTaskGroup(of: (String, RecordOutcome).self) { group in
            var next = 0
            func startNext() {
                guard next < records.count else { return }
                let record = records[next]
                next += 1
                group.addTask { (record.messageID, await run(record, deadline: deadline, logger: logger)) }
            }
            for _ in 0..<min(limit, records.count) { startNext() }
            while let (id, outcome) = await group.next() {
                outcomes[id] = outcome
                startNext()
            }
        }
        let failed = ids.filter { if case .failed = outcomes[$0] { true } else { false } }
        logger.info(
            "batch done",
            metadata: ["step": "batch", "records": "\(records.count)", "failed": "\(failed.count)"]
        )
        reportRefusedCredentials(logger: logger)
        return ConsumerBatchResult(failedMessageIDs: failed, outcomes: outcomes)
    }

    /// A refused token is a configuration error: one error line for the batch naming each token, and the
    /// `SentryAsana/ConfigurationErrors` metric (embedded metric format) that the configuration alarm pages on.
    func reportRefusedCredentials(logger: Logger) {
        let refused = refusals.drain()
        guard !refused.isEmpty else { return }
        let names = refused.keys.sorted()
        let detail = names.map { name in
            let statuses = refused[name] ?? []
            return "\(name) (HTTP \(Set(statuses).sorted().map(String.init).joined(separator: "/")) ×\(statuses.count))"
        }.joined(separator: ", ")
        logger.error(
            "a token was refused: fix it in the secret; every record that needs it fails until then",
            metadata: ["step": "configuration", "refused": "\(detail)", "secret": "\(configuration.secretName)"]
        )
        emitMetric(
            EmbeddedMetric.line(
                namespace: "SentryAsana",
                name: "ConfigurationErrors",
                value: Double(names.count),
                properties: ["RefusedCredentials": names.joined(separator: ",")],
                at: processor.clock.now()
            )
        )
    }

    func run(_ record: ConsumerRecord, deadline: Deadline, logger: Logger) async -> RecordOutcome {
        var logger = logger
        logger[metadataKey: "message_id"] = "\(record.messageID)"
        guard deadline.remaining(at: processor.clock.now()) > configuration.safetyMargin else {
            logger.warning("no time left for the record", metadata: ["step": "deadline"])
            return .failed(reason: "deadline: not started, too little time left")
        }
        // Every outbound request of the record is bounded by what the invocation has left (the live transport
        // is a DeadlineBoundTransport).
        let result: Result<RecordOutcome, RecordFailure> = await DeadlineBoundTransport.$deadline.withValue(deadline) {
            do throws(RecordFailure) {
                return .success(try await processor.process(record, deadline: deadline, logger: logger))
            } catch {
                return .failure(error)
            }
        }
        do {
            return try result.get()
        } catch {
            logger.warning(
                "record failed; SQS will redeliver it",
                metadata: ["step": "\(error.code.rawValue)", "error": "\(error.message)"]
            )
            if let seconds = error.retryAfterSeconds {
                do {
                    let timeout = Self.rateLimitVisibility(retryAfter: seconds, receiveCount: record.receiveCount)
                    try await visibility.extendVisibility(of: record, to: timeout)
                } catch {
                    logger.warning(
                        "could not extend the record's visibility",
                        metadata: ["step": "visibility", "error": "\(error)"]
                    )
                }
            }
            return .failed(reason: error.description)
        }
    }
}

extension ConsumerHandler {
    /// How long a rate-limited record stays invisible: the service's `Retry-After` at least, and a backoff that
    /// doubles with each receive (1 min, 2, 4, … 8.5 h at the tenth), capped at SQS's 12 h. Under sustained
    /// throttling the ten receives then span about 17 hours instead of minutes before the DLQ.
    public static func rateLimitVisibility(retryAfter: Int, receiveCount: Int) -> Int {
        let doublings = min(max(receiveCount, 1), 11) - 1
        let backoff = 60 << doublings
        return min(max(retryAfter, backoff, 1), 43_200)
    }
}

public struct BatchError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
