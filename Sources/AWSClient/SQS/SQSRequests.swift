/// The JSON request and response shapes of the SQS operations (`AmazonSQS.<Operation>`, JSON 1.0), with the
/// member names of the service model. Optional members that are `nil` are left out, as the SDKs do.
enum SQSRequests {
    struct SendMessage: Encodable {
        var queueURL: String
        var messageBody: String
        var delaySeconds: Int?
        var messageAttributes: [String: SQSMessageAttributeValue]?
        var messageSystemAttributes: [String: SQSMessageAttributeValue]?
        var messageDeduplicationID: String?
        var messageGroupID: String?

        enum CodingKeys: String, CodingKey {
            case queueURL = "QueueUrl"
            case messageBody = "MessageBody"
            case delaySeconds = "DelaySeconds"
            case messageAttributes = "MessageAttributes"
            case messageSystemAttributes = "MessageSystemAttributes"
            case messageDeduplicationID = "MessageDeduplicationId"
            case messageGroupID = "MessageGroupId"
        }
    }

    struct SendMessageBatch: Encodable {
        var queueURL: String
        var entries: [SQSSendMessageBatchEntry]

        enum CodingKeys: String, CodingKey {
            case queueURL = "QueueUrl"
            case entries = "Entries"
        }
    }

    struct ReceiveMessage: Encodable {
        var queueURL: String
        var attributeNames: [String]?
        var messageSystemAttributeNames: [String]?
        var messageAttributeNames: [String]?
        var maxNumberOfMessages: Int?
        var visibilityTimeout: Int?
        var waitTimeSeconds: Int?
        var receiveRequestAttemptID: String?

        enum CodingKeys: String, CodingKey {
            case queueURL = "QueueUrl"
            case attributeNames = "AttributeNames"
            case messageSystemAttributeNames = "MessageSystemAttributeNames"
            case messageAttributeNames = "MessageAttributeNames"
            case maxNumberOfMessages = "MaxNumberOfMessages"
            case visibilityTimeout = "VisibilityTimeout"
            case waitTimeSeconds = "WaitTimeSeconds"
            case receiveRequestAttemptID = "ReceiveRequestAttemptId"
        }
    }

    struct ReceiveMessageResult: Decodable {
        var messages: [SQSMessage]?
        enum CodingKeys: String, CodingKey { case messages = "Messages" }
    }

    struct DeleteMessage: Encodable {
        var queueURL: String
        var receiptHandle: String

        enum CodingKeys: String, CodingKey {
            case queueURL = "QueueUrl"
            case receiptHandle = "ReceiptHandle"
        }
    }

    struct DeleteMessageBatch: Encodable {
        var queueURL: String
        var entries: [SQSDeleteMessageBatchEntry]

        enum CodingKeys: String, CodingKey {
            case queueURL = "QueueUrl"
            case entries = "Entries"
        }
    }

    struct ChangeMessageVisibility: Encodable {
        var queueURL: String
        var receiptHandle: String
        var visibilityTimeout: Int

        enum CodingKeys: String, CodingKey {
            case queueURL = "QueueUrl"
            case receiptHandle = "ReceiptHandle"
            case visibilityTimeout = "VisibilityTimeout"
        }
    }

    struct ChangeMessageVisibilityBatch: Encodable {
        var queueURL: String
        var entries: [SQSChangeMessageVisibilityBatchEntry]

        enum CodingKeys: String, CodingKey {
            case queueURL = "QueueUrl"
            case entries = "Entries"
        }
    }

    struct GetQueueURL: Encodable {
        var queueName: String
        var queueOwnerAWSAccountID: String?

        enum CodingKeys: String, CodingKey {
            case queueName = "QueueName"
            case queueOwnerAWSAccountID = "QueueOwnerAWSAccountId"
        }
    }

    struct GetQueueURLResult: Decodable {
        var queueURL: String
        enum CodingKeys: String, CodingKey { case queueURL = "QueueUrl" }
    }

    struct GetQueueAttributes: Encodable {
        var queueURL: String
        var attributeNames: [String]?

        enum CodingKeys: String, CodingKey {
            case queueURL = "QueueUrl"
            case attributeNames = "AttributeNames"
        }
    }

    struct GetQueueAttributesResult: Decodable {
        var attributes: [String: String]?
        enum CodingKeys: String, CodingKey { case attributes = "Attributes" }
    }

    /// Operations without output answer `{}` (or nothing).
    struct Empty: Codable {}
}
