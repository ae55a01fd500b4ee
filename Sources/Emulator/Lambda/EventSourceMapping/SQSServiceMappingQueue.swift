import AWSClient
import Foundation

/// An SQS queue of the emulator's own SQS engine as an event source mapping polls it: the same operations a
/// client would call (ReceiveMessage with every attribute, DeleteMessageBatch, ChangeMessageVisibilityBatch,
/// GetQueueAttributes), so receive counts, visibility and redrive to the DLQ follow from SQS itself.
package struct SQSServiceMappingQueue: MappingQueue {
    let sqs: SQSService
    let name: String
    let caller: CallerContext

    package init(sqs: SQSService, name: String, region: String) {
        self.sqs = sqs
        self.name = name
        self.caller = CallerContext(host: "localhost", accessKeyID: nil, region: region)
    }

    private var queueURL: String { sqs.url(name, host: caller.host) }

    package func receive(max: Int, visibility: Int, wait: Int) async throws -> [MappingQueueMessage] {
        let input = JSONInput([
            "QueueUrl": queueURL, "MaxNumberOfMessages": max, "VisibilityTimeout": visibility, "WaitTimeSeconds": wait,
            "MessageSystemAttributeNames": ["All"], "MessageAttributeNames": ["All"],
        ])
        let output = try await sqs.handle("ReceiveMessage", input, caller: caller)
        let messages = output["Messages"] as? [[String: Any]] ?? []
        return messages.map { item in
            var attributes: [String: SQSMessageAttributeValue] = [:]
            for (key, value) in item["MessageAttributes"] as? [String: [String: Any]] ?? [:] {
                attributes[key] = SQSMessageAttributeValue(
                    dataType: value["DataType"] as? String ?? "String",
                    stringValue: value["StringValue"] as? String,
                    binaryValue: (value["BinaryValue"] as? String).flatMap { Data(base64Encoded: $0) }
                )
            }
            return MappingQueueMessage(
                messageID: item["MessageId"] as? String ?? "",
                receiptHandle: item["ReceiptHandle"] as? String ?? "",
                body: item["Body"] as? String ?? "",
                attributes: item["Attributes"] as? [String: String] ?? [:],
                messageAttributes: attributes,
                md5OfBody: item["MD5OfBody"] as? String,
                md5OfMessageAttributes: item["MD5OfMessageAttributes"] as? String
            )
        }
    }

    package func delete(receiptHandles: [String]) async throws {
        for chunk in stride(from: 0, to: receiptHandles.count, by: 10) {
            let entries = receiptHandles[chunk..<min(chunk + 10, receiptHandles.count)].enumerated().map {
                ["Id": "m\($0.offset)", "ReceiptHandle": $0.element]
            }
            _ = try await sqs.handle(
                "DeleteMessageBatch",
                JSONInput(["QueueUrl": queueURL, "Entries": entries]),
                caller: caller
            )
        }
    }

    package func changeVisibility(receiptHandles: [String], timeout: Int) async throws {
        for chunk in stride(from: 0, to: receiptHandles.count, by: 10) {
            let entries = receiptHandles[chunk..<min(chunk + 10, receiptHandles.count)].enumerated().map {
                ["Id": "m\($0.offset)", "ReceiptHandle": $0.element, "VisibilityTimeout": timeout] as [String: Any]
            }
            _ = try await sqs.handle(
                "ChangeMessageVisibilityBatch",
                JSONInput(["QueueUrl": queueURL, "Entries": entries]),
                caller: caller
            )
        }
    }

    package func visibilityTimeout() async throws -> Int {
        let output = try await sqs.handle(
            "GetQueueAttributes",
            JSONInput(["QueueUrl": queueURL, "AttributeNames": ["VisibilityTimeout"]]),
            caller: caller
        )
        let attributes = output["Attributes"] as? [String: String]
        return attributes?["VisibilityTimeout"].flatMap { Int($0) } ?? 30
    }
}

/// Finds the emulator's SQS queues by ARN for the event source mappings.
package struct SQSServiceMappingQueueProvider: MappingQueueProvider {
    let sqs: SQSService
    let region: String

    package init(sqs: SQSService, region: String) {
        self.sqs = sqs
        self.region = region
    }

    package func queue(arn: String) async -> (any MappingQueue)? {
        guard let name = SQSService.queueName(fromArn: arn) else { return nil }
        let queue = SQSServiceMappingQueue(sqs: sqs, name: name, region: region)
        guard (try? await queue.visibilityTimeout()) != nil else { return nil }
        return queue
    }
}
