extension SQSClient {
    /// Creates a queue (or returns the URL of an existing one with the same attributes, as SQS does) and
    /// returns its URL. Used by the harness to apply `emulator/stack.yaml` through the public API.
    public func createQueue(
        name: String,
        attributes: [String: String] = [:],
        tags: [String: String] = [:],
        deadline: ContinuousClock.Instant
    ) async throws -> String {
        try await client.call(
            "CreateQueue",
            SQSRequests.CreateQueue(
                queueName: name,
                attributes: attributes.isEmpty ? nil : attributes,
                tags: tags.isEmpty ? nil : tags
            ),
            output: SQSRequests.GetQueueURLResult.self,
            deadline: deadline
        ).queueURL
    }

    /// Sets queue attributes (`VisibilityTimeout`, `RedrivePolicy` …).
    public func setQueueAttributes(
        queueURL: String,
        attributes: [String: String],
        deadline: ContinuousClock.Instant
    ) async throws {
        _ = try await client.call(
            "SetQueueAttributes",
            SQSRequests.SetQueueAttributes(queueURL: queueURL, attributes: attributes),
            output: SQSRequests.Empty.self,
            deadline: deadline
        )
    }
}

extension SQSRequests {
    struct CreateQueue: Encodable {
        var queueName: String
        var attributes: [String: String]?
        var tags: [String: String]?

        enum CodingKeys: String, CodingKey {
            case queueName = "QueueName"
            case attributes = "Attributes"
            case tags = "tags"
        }
    }

    struct SetQueueAttributes: Encodable {
        var queueURL: String
        var attributes: [String: String]

        enum CodingKeys: String, CodingKey {
            case queueURL = "QueueUrl"
            case attributes = "Attributes"
        }
    }
}
