import AWSClient
import Foundation
import Logging
import Topology

/// Applies a `StackTopology`'s queues and secrets through the public AWS API — so it works against our emulator
/// and, unchanged, against any other SQS/Secrets Manager endpoint. Applying twice changes nothing: queues that
/// exist with the same attributes are kept, a secret whose value is unchanged is not rewritten.
public struct StackApplier: Sendable {
    let sqs: SQSClient
    let secrets: SecretsManagerClient
    let logger: Logger

    public init(sqs: SQSClient, secrets: SecretsManagerClient, logger: Logger) {
        self.sqs = sqs
        self.secrets = secrets
        self.logger = logger
    }

    /// What applying produced: the URL of every queue by name.
    public struct Applied: Sendable, Equatable {
        public var queueURLs: [String: String]
    }

    public func apply(_ stack: StackTopology, timeout: Duration = .seconds(30)) async throws -> Applied {
        let deadline = AWSDeadline.after(timeout)
        var urls: [String: String] = [:]
        // Dead-letter queues first: a redrive policy names its DLQ's ARN.
        let ordered = stack.queues.filter { $0.redrive == nil } + stack.queues.filter { $0.redrive != nil }
        for queue in ordered {
            var attributes = queue.attributes
            if queue.isFIFO { attributes["FifoQueue"] = "true" }
            if let redrive = queue.redrive {
                let dlqARN = "arn:aws:sqs:\(stack.region):\(stack.accountID):\(redrive.deadLetterQueue)"
                attributes["RedrivePolicy"] =
                    #"{"deadLetterTargetArn":"\#(dlqARN)","maxReceiveCount":\#(redrive.maxReceiveCount)}"#
            }
            let url: String
            do {
                url = try await sqs.createQueue(name: queue.name, attributes: attributes, deadline: deadline)
            } catch let error as AWSError where error.code.rawValue.contains("QueueAlreadyExists") {
                // Same name, other attributes: bring the queue to what the stack says.
                url = try await sqs.getQueueURL(queueName: queue.name, deadline: deadline)
                try await sqs.setQueueAttributes(queueURL: url, attributes: attributes, deadline: deadline)
            }
            urls[queue.name] = url
            logger.debug("queue applied", metadata: ["queue": "\(queue.name)", "url": "\(url)"])
        }
        for secret in stack.secrets {
            do {
                _ = try await secrets.createSecret(
                    name: secret.name, secretString: secret.secretString, deadline: deadline)
            } catch let error as AWSError where error.code.rawValue == "ResourceExistsException" {
                let current = try await secrets.getSecretValue(secretId: secret.name, deadline: deadline)
                if current.secretString != secret.secretString {
                    _ = try await secrets.putSecretValue(
                        secretId: secret.name, secretString: secret.secretString, deadline: deadline)
                }
            }
            logger.debug("secret applied", metadata: ["secret": "\(secret.name)"])
        }
        return Applied(queueURLs: urls)
    }
}
