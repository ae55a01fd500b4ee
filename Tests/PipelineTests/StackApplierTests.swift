import AWSClient
import Foundation
import Harness
import Logging
import Testing

/// `emulator/stack.yaml` applied through the public API: production's attributes, the redrive policy, the
/// secret — and applying again changes nothing.
@Suite struct StackApplierTests {
    @Test func applyingTheStackGivesProductionsQueuesAndIsIdempotent() async throws {
        try await LocalStack.with { stack in
            let sqs = try stack.sqsClient()
            let queueURL = try #require(stack.queueURLs["sentry-asana-queue"])
            let attributes = try await sqs.getQueueAttributes(queueURL: queueURL, deadline: AWSDeadline.after(.seconds(5)))
            #expect(attributes["VisibilityTimeout"] == "120")
            #expect(attributes["ReceiveMessageWaitTimeSeconds"] == "10")
            #expect(attributes["MessageRetentionPeriod"] == "1209600")
            let redrive = try #require(attributes["RedrivePolicy"])
            #expect(redrive.contains("arn:aws:sqs:us-east-1:000000000000:sentry-asana-dlq"))
            #expect(redrive.contains("10"))

            let configuration = try AWSConfiguration(environment: stack.awsEnvironment)
            let secrets = SecretsManagerClient(
                configuration: configuration, transport: URLSessionTransport(), logger: Logger(label: "test"))
            let before = try await secrets.getSecretValue(
                secretId: "Sentry_Asana_Secrets", deadline: AWSDeadline.after(.seconds(5)))
            #expect(before.secretString?.contains("SENTRY_CLIENT_SECRET") == true)

            let again = try await StackApplier(sqs: sqs, secrets: secrets, logger: Logger(label: "test"))
                .apply(stack.stack)
            #expect(again.queueURLs == stack.queueURLs)
            let after = try await secrets.getSecretValue(
                secretId: "Sentry_Asana_Secrets", deadline: AWSDeadline.after(.seconds(5)))
            #expect(after.versionID == before.versionID, "an unchanged secret is not rewritten")
        }
    }
}
