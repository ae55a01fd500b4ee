import AWSClient
import Foundation
import LambdaEvents
import LambdaRuntime
import Logging
import ServiceSupport

/// The consumer as Lambda runs it: an SQS event in, `batchItemFailures` out. Built once per process:
/// configuration, routing table and secrets are loaded and checked at start (a problem is an init error).
public struct ConsumerLambdaHandler: LambdaHandler {
    public typealias Event = SQSEvent
    public typealias Output = SQSBatchResponse

    let consumer: ConsumerHandler

    public init(consumer: ConsumerHandler) {
        self.consumer = consumer
    }

    /// Reads `QUEUE_URL` (the source queue, for visibility changes) and `DLQ_URL` (for poison records) besides
    /// what `ConsumerConfiguration` reads.
    public init(context: LambdaInitContext, environment: [String: String]) async throws {
        let configuration = try ConsumerConfiguration(environment: environment)
        let reader = EnvironmentReader(environment)
        let queueURL = try reader.url("QUEUE_URL").absoluteString
        let dlqURL = try reader.url("DLQ_URL").absoluteString
        let aws = try AWSConfiguration(environment: environment)
        let awsTransport = URLSessionTransport()
        let secrets = try await SecretsCache.secretsManager(
            SecretsManagerClient(configuration: aws, transport: awsTransport, logger: context.logger),
            secretName: configuration.secretName
        ).secrets(forceRefresh: false)
        let sqs = SQSClient(configuration: aws, transport: awsTransport, logger: context.logger)
        let consumer = try ConsumerHandler.live(
            configuration: configuration,
            secrets: secrets,
            transport: URLSessionAPITransport(),
            deadLetters: SQSDeadLetterSink(client: sqs, queueURL: dlqURL),
            visibility: SQSVisibilityExtender(client: sqs, queueURL: queueURL)
        )
        self.init(consumer: consumer)
    }

    public func handle(_ event: SQSEvent, context: LambdaContext) async throws -> SQSBatchResponse {
        let records = event.records.map { record in
            ConsumerRecord(
                messageID: record.messageId,
                receiptHandle: record.receiptHandle,
                body: record.body,
                attributes: record.messageAttributes.compactMapValues(\.stringValue),
                receiveCount: record.attributes.receiveCount ?? 1
            )
        }
        let deadline = Deadline(Date(timeIntervalSince1970: TimeInterval(context.deadlineMilliseconds) / 1000))
        let result = try await consumer.handle(records, deadline: deadline, logger: context.logger)
        return SQSBatchResponse(failedMessageIds: result.failedMessageIDs)
    }
}
