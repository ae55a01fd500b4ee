import Foundation
import Testing

import enum AWSClient.SQSChecksum
import struct AWSClient.SQSMessageAttributeValue

@testable import Emulator

/// What SendMessage and ReceiveMessage accept and return: attribute names asked for, message attribute
/// filters and their checksum, DelaySeconds bounds and the FIFO rules.
@Suite struct SQSMessageRulesTests {
    @Test func receiveRefusesUnknownAttributeNamesInBothLists() async throws {
        // Before, unknown names were ignored.
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("q")
        let legacy = await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url, "AttributeNames": ["Bogus"]])
        #expect(legacy.errorType == "InvalidAttributeName", "\(legacy.text)")
        #expect(legacy.json["message"] as? String == "Unknown Attribute Bogus.")
        let queueName = await harness.call(
            "AmazonSQS.ReceiveMessage",
            ["QueueUrl": url, "MessageSystemAttributeNames": ["VisibilityTimeout"]]
        )
        #expect(queueName.errorType == "InvalidAttributeName", "a queue attribute is no message system attribute")
        let xml = await harness.query([("Action", "ReceiveMessage"), ("QueueUrl", url), ("AttributeName.1", "Nope")])
        #expect(xml.status == 400 && xml.text.contains("<Code>InvalidAttributeName</Code>"), "\(xml.text)")
        let getAttributes = await harness.call(
            "AmazonSQS.GetQueueAttributes",
            ["QueueUrl": url, "AttributeNames": ["SentTimestamp"]]
        )
        #expect(getAttributes.errorType == "InvalidAttributeName", "a message attribute is no queue attribute")
    }

    @Test(arguments: [
        (["SentTimestamp"], ["SentTimestamp"]),
        (["SenderId", "ApproximateReceiveCount"], ["ApproximateReceiveCount", "SenderId"]),
        (["MessageGroupId", "SequenceNumber", "MessageDeduplicationId"], []),
        (["VisibilityTimeout"], []),
    ])
    func receiveReturnsExactlyTheSystemAttributesAskedFor(asked: [String], returned: [String]) async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("q")
        _ = await harness.call("AmazonSQS.SendMessage", ["QueueUrl": url, "MessageBody": "b"])
        let answer = await harness.call(
            "AmazonSQS.ReceiveMessage",
            ["QueueUrl": url, "AttributeNames": asked, "VisibilityTimeout": 0]
        )
        let message = try #require((answer.json["Messages"] as? [[String: Any]])?.first, "\(answer.text)")
        #expect(((message["Attributes"] as? [String: String])?.keys.sorted() ?? []) == returned)
        let modern = await harness.call(
            "AmazonSQS.ReceiveMessage",
            ["QueueUrl": url, "MessageSystemAttributeNames": ["All"], "VisibilityTimeout": 0]
        )
        let all = try #require((modern.json["Messages"] as? [[String: Any]])?.first?["Attributes"] as? [String: String])
        #expect(
            all.keys.sorted() == [
                "ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "SenderId", "SentTimestamp",
            ]
        )
    }

    @Test(arguments: [
        (["All"], ["app.one", "app.two", "other"]), ([".*"], ["app.one", "app.two", "other"]),
        (["app.*"], ["app.one", "app.two"]), (["other"], ["other"]), (["app.one", "other"], ["app.one", "other"]),
        (["missing"], []), ([], []),
    ])
    func messageAttributeNamesSelectAndTheChecksumCoversWhatIsReturned(
        asked: [String],
        returned: [String]
    )
        async throws
    {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("q")
        _ = await harness.call(
            "AmazonSQS.SendMessage",
            [
                "QueueUrl": url, "MessageBody": "b",
                "MessageAttributes": [
                    "app.one": ["DataType": "String", "StringValue": "1"],
                    "app.two": ["DataType": "Number", "StringValue": "2"],
                    "other": ["DataType": "String", "StringValue": "3"],
                ],
            ]
        )
        let answer = await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url, "MessageAttributeNames": asked])
        let message = try #require((answer.json["Messages"] as? [[String: Any]])?.first, "\(answer.text)")
        let attributes = message["MessageAttributes"] as? [String: [String: Any]] ?? [:]
        #expect(attributes.keys.sorted() == returned)
        let values: [String: SQSMessageAttributeValue] = [
            "app.one": .string("1"), "app.two": .number("2"), "other": .string("3"),
        ]
        let expected = returned.isEmpty ? nil : SQSChecksum.attributes(values.filter { returned.contains($0.key) })
        #expect(message["MD5OfMessageAttributes"] as? String == expected)
    }

    @Test func delaySecondsKeepsToZeroThroughNineHundred() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("q")
        for (delay, accepted) in [(-1, false), (0, true), (900, true), (901, false)] {
            let answer = await harness.call(
                "AmazonSQS.SendMessage",
                ["QueueUrl": url, "MessageBody": "m", "DelaySeconds": delay]
            )
            #expect((answer.status == 200) == accepted, "\(delay): \(answer.text)")
            if !accepted {
                #expect(
                    answer.json["message"] as? String
                        == "Value \(delay) for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900."
                )
            }
        }
        let batch = await harness.call(
            "AmazonSQS.SendMessageBatch",
            [
                "QueueUrl": url,
                "Entries": [
                    ["Id": "late", "MessageBody": "m", "DelaySeconds": 901], ["Id": "ok", "MessageBody": "m"],
                ],
            ]
        )
        #expect((batch.json["Failed"] as? [[String: Any]])?.first?["Id"] as? String == "late")
        for (value, accepted) in [("-1", false), ("901", false), ("900", true)] {
            let answer = await harness.call(
                "AmazonSQS.SetQueueAttributes",
                ["QueueUrl": url, "Attributes": ["DelaySeconds": value]]
            )
            #expect((answer.status == 200) == accepted, "\(value): \(answer.text)")
            if !accepted { #expect(answer.errorType == "InvalidAttributeValue") }
        }
    }

    @Test func fifoQueuesKeepTheirSendRules() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("jobs.fifo", ["FifoQueue": "true"])
        func send(_ extra: [String: Any]) async -> EmulatorHarness.Answer {
            await harness.call(
                "AmazonSQS.SendMessage",
                ["QueueUrl": url, "MessageBody": "m"].merging(extra) { _, new in new }
            )
        }
        let noGroup = await send(["MessageDeduplicationId": "d"])
        #expect(noGroup.errorType == "MissingParameter")
        #expect(noGroup.json["message"] as? String == "The request must contain the parameter MessageGroupId.")
        let noDedup = await send(["MessageGroupId": "g"])
        #expect(noDedup.errorType == "InvalidParameterValue")
        #expect(
            noDedup.json["message"] as? String
                == "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"
        )
        let delayed = await send(["MessageGroupId": "g", "MessageDeduplicationId": "d", "DelaySeconds": 5])
        #expect(delayed.errorType == "InvalidParameterValue")
        #expect(
            delayed.json["message"] as? String
                == "Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type."
        )
        let first = await send(["MessageGroupId": "g", "MessageDeduplicationId": "d"])
        let again = await send(["MessageGroupId": "g", "MessageDeduplicationId": "d", "MessageBody": "other"])
        #expect(first.json["MessageId"] as? String != nil)
        #expect(again.json["MessageId"] as? String == first.json["MessageId"] as? String, "a duplicate is the first")
        await harness.advance(301)
        let later = await send(["MessageGroupId": "g", "MessageDeduplicationId": "d"])
        #expect(later.json["MessageId"] as? String != first.json["MessageId"] as? String, "the window is 5 minutes")
    }

    @Test func aFifoReceiveRetriedWithTheSameAttemptIdGetsTheSameMessages() async throws {
        // Before, ReceiveRequestAttemptId was ignored: the retry was a new receive (another group's message).
        let harness = try EmulatorHarness()
        let url = await harness.createQueue(
            "attempts.fifo",
            ["FifoQueue": "true", "ContentBasedDeduplication": "true"]
        )
        for (body, group) in [("a1", "a"), ("b1", "b")] {
            _ = await harness.call(
                "AmazonSQS.SendMessage",
                ["QueueUrl": url, "MessageBody": body, "MessageGroupId": group]
            )
        }
        func receive(_ attempt: String?) async -> [String: Any]? {
            var input: [String: Any] = ["QueueUrl": url, "AttributeNames": ["ApproximateReceiveCount"]]
            if let attempt { input["ReceiveRequestAttemptId"] = attempt }
            return (await harness.call("AmazonSQS.ReceiveMessage", input).json["Messages"] as? [[String: Any]])?.first
        }
        let first = try #require(await receive("try-1"))
        let retried = try #require(await receive("try-1"))
        #expect(retried["Body"] as? String == "a1")
        #expect(retried["ReceiptHandle"] as? String == first["ReceiptHandle"] as? String)
        #expect((retried["Attributes"] as? [String: String])?["ApproximateReceiveCount"] == "1", "not received again")
        #expect(try #require(await receive(nil))["Body"] as? String == "b1", "without the id, a new receive")
        let handle = try #require(first["ReceiptHandle"] as? String)
        _ = await harness.call(
            "AmazonSQS.ChangeMessageVisibility",
            ["QueueUrl": url, "ReceiptHandle": handle, "VisibilityTimeout": 0]
        )
        let afterChange = try #require(await receive("try-1"))
        #expect(afterChange["ReceiptHandle"] as? String != handle, "a changed message ends the attempt")
        let invalid = await harness.call(
            "AmazonSQS.ReceiveMessage",
            ["QueueUrl": url, "ReceiveRequestAttemptId": String(repeating: "x", count: 129)]
        )
        #expect(invalid.errorType == "InvalidParameterValue")
    }

    @Test func standardQueuesTakeAGroupButNoDeduplicationId() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("std")
        let grouped = await harness.call(
            "AmazonSQS.SendMessage",
            ["QueueUrl": url, "MessageBody": "m", "MessageGroupId": "tenant-1"]
        )
        #expect(grouped.status == 200, "fair queues: a standard queue takes MessageGroupId")
        let deduplicated = await harness.call(
            "AmazonSQS.SendMessage",
            ["QueueUrl": url, "MessageBody": "m", "MessageDeduplicationId": "d"]
        )
        #expect(deduplicated.errorType == "InvalidParameterValue")
    }
}
