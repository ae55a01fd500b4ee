import Foundation
import Testing

import enum AWSClient.SQSChecksum
import struct AWSClient.SQSMessageAttributeValue

@testable import Emulator

/// SQS through the emulator's request handling (signed requests, both protocols), without sockets.
@Suite struct SQSServiceTests {
    @Test func createQueueIsIdempotentOnlyWithTheSameAttributes() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("orders", ["VisibilityTimeout": "60"])
        #expect(url == "http://127.0.0.1:4566/000000000000/orders")
        #expect(await harness.createQueue("orders", ["VisibilityTimeout": "60"]) == url)
        let clash = await harness.call(
            "AmazonSQS.CreateQueue",
            ["QueueName": "orders", "Attributes": ["VisibilityTimeout": "61"]]
        )
        #expect(clash.status == 400)
        #expect(clash.errorType == "QueueNameExists")
        #expect(clash.header("x-amzn-query-error") == "QueueAlreadyExists;Sender")
    }

    @Test func missingQueueAnswersWithAWSErrorShape() async throws {
        let harness = try EmulatorHarness()
        let answer = await harness.call("AmazonSQS.GetQueueUrl", ["QueueName": "nope"])
        #expect(answer.status == 400)
        #expect(answer.json["__type"] as? String == "com.amazonaws.sqs#QueueDoesNotExist")
        #expect(answer.header("x-amzn-query-error") == "AWS.SimpleQueueService.NonExistentQueue;Sender")
    }

    @Test(arguments: [
        ("42", true), ("-0.5", true), (String(repeating: "9", count: 38), true),
        ("1.50000000000000000000000000000000000000000", true),
        (String(repeating: "9", count: 39), false), ("1e127", false), ("1e-129", false), ("0", true),
    ])
    func numberAttributesHaveAtMost38DigitsAndSQSsRange(value: String, accepted: Bool) async throws {
        // Before, any text Double could read passed (39 digits, 1e127).
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("numbers")
        let answer = await harness.call(
            "AmazonSQS.SendMessage",
            [
                "QueueUrl": url, "MessageBody": "b",
                "MessageAttributes": ["n": ["DataType": "Number", "StringValue": value]],
            ]
        )
        #expect((answer.status == 200) == accepted, "\(value): \(answer.text)")
        if !accepted { #expect(answer.errorType == "InvalidParameterValue") }
    }

    @Test func aQueryRequestWithAParameterTwiceIsRefusedNotLastWins() async throws {
        // Before, QueueName=a&QueueName=b quietly created b.
        let harness = try EmulatorHarness()
        let answer = await harness.query([("Action", "CreateQueue"), ("QueueName", "first"), ("QueueName", "second")])
        #expect(answer.status == 400 && answer.text.contains("<Code>MalformedQueryString</Code>"), "\(answer.text)")
        #expect(answer.text.contains("&apos;QueueName&apos; more than once"))
        #expect(await harness.call("AmazonSQS.GetQueueUrl", ["QueueName": "second"]).status == 400)
    }

    @Test func aFifoNameWithoutFifoQueueTrueIsRefusedAsAStandardName() async throws {
        // Before, "x.fifo" without FifoQueue=true quietly made a FIFO queue.
        let harness = try EmulatorHarness()
        let refused = await harness.call("AmazonSQS.CreateQueue", ["QueueName": "jobs.fifo"])
        #expect(refused.status == 400 && refused.errorType == "InvalidParameterValue")
        #expect(refused.text.contains("Can only include alphanumeric characters, hyphens, or underscores"))
        let made = await harness.createQueue("jobs.fifo", ["FifoQueue": "true"])
        #expect(made.hasSuffix("/000000000000/jobs.fifo"))
    }

    @Test func aQueueURLOfAnotherAccountIsNotThisAccountsQueue() async throws {
        // Before, only the last path segment was read: another account's URL reached the same-named queue here.
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("orders")
        #expect(await harness.call("AmazonSQS.SendMessage", ["QueueUrl": url, "MessageBody": "ok"]).status == 200)
        let foreign = url.replacingOccurrences(of: "/000000000000/", with: "/123456789012/")
        let answer = await harness.call("AmazonSQS.SendMessage", ["QueueUrl": foreign, "MessageBody": "lost?"])
        #expect(answer.status == 400 && answer.errorType == "QueueDoesNotExist")
        let attributes = await harness.call(
            "AmazonSQS.GetQueueAttributes",
            ["QueueUrl": url, "AttributeNames": ["ApproximateNumberOfMessages"]]
        )
        #expect((attributes.json["Attributes"] as? [String: String])?["ApproximateNumberOfMessages"] == "1")
    }

    @Test func sendAndReceiveCarryAWSChecksumsAndSystemAttributes() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("q")
        let sent = await harness.call(
            "AmazonSQS.SendMessage",
            [
                "QueueUrl": url, "MessageBody": "héllo",
                "MessageAttributes": [
                    "s": ["DataType": "String", "StringValue": "x"], "n": ["DataType": "Number", "StringValue": "42"],
                    "b": ["DataType": "Binary", "BinaryValue": Data([0, 1, 2]).base64EncodedString()],
                ],
            ]
        )
        #expect(sent.status == 200)
        #expect(sent.json["MD5OfMessageBody"] as? String == SQSChecksum.body("héllo"))
        let expectedAttributes = SQSChecksum.attributes([
            "s": .string("x"), "n": .number("42"), "b": .binary(Data([0, 1, 2])),
        ])
        #expect(sent.json["MD5OfMessageAttributes"] as? String == expectedAttributes)
        let received = await harness.call(
            "AmazonSQS.ReceiveMessage",
            ["QueueUrl": url, "MessageSystemAttributeNames": ["All"], "MessageAttributeNames": ["All"]]
        )
        let message = try #require((received.json["Messages"] as? [[String: Any]])?.first)
        #expect(message["Body"] as? String == "héllo")
        #expect(message["MD5OfMessageAttributes"] as? String == expectedAttributes)
        let attributes = try #require(message["Attributes"] as? [String: String])
        #expect(attributes["ApproximateReceiveCount"] == "1")
        #expect(attributes["SenderId"] == "test")
        #expect(attributes["SentTimestamp"] != nil && attributes["ApproximateFirstReceiveTimestamp"] != nil)
    }

    @Test func messageAttributePrefixesFilterAndChecksumTheReturnedSet() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("q")
        _ = await harness.call(
            "AmazonSQS.SendMessage",
            [
                "QueueUrl": url, "MessageBody": "b",
                "MessageAttributes": [
                    "app.one": ["DataType": "String", "StringValue": "1"],
                    "other": ["DataType": "String", "StringValue": "2"],
                ],
            ]
        )
        let received = await harness.call(
            "AmazonSQS.ReceiveMessage",
            ["QueueUrl": url, "MessageAttributeNames": ["app.*"]]
        )
        let message = try #require((received.json["Messages"] as? [[String: Any]])?.first)
        #expect((message["MessageAttributes"] as? [String: Any])?.keys.sorted() == ["app.one"])
        #expect(message["MD5OfMessageAttributes"] as? String == SQSChecksum.attributes(["app.one": .string("1")]))
    }

    @Test func redriveHappensOnTheReceiveAfterTheLastDeliveryAndMoveTaskBringsItBack() async throws {
        let harness = try EmulatorHarness(virtualClock: true)
        let dlqURL = await harness.createQueue("work-dlq")
        let dlqArn = "arn:aws:sqs:us-east-1:000000000000:work-dlq"
        let url = await harness.createQueue(
            "work",
            [
                "VisibilityTimeout": "120",
                "RedrivePolicy": "{\"deadLetterTargetArn\":\"\(dlqArn)\",\"maxReceiveCount\":\"3\"}",
            ]
        )
        _ = await harness.call("AmazonSQS.SendMessage", ["QueueUrl": url, "MessageBody": "poison"])
        var deliveries = 0
        for _ in 0..<6 {
            let received = await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url])
            deliveries += (received.json["Messages"] as? [Any])?.count ?? 0
            await harness.advance(120)
        }
        #expect(deliveries == 3)
        let dead = await harness.call(
            "AmazonSQS.ReceiveMessage",
            ["QueueUrl": dlqURL, "MessageSystemAttributeNames": ["All"], "VisibilityTimeout": 0]
        )
        let queues = await harness.admin("GET", "/_devstack/sqs/queues").text
        let message = try #require((dead.json["Messages"] as? [[String: Any]])?.first, "\(dead.text) \(queues)")
        let attributes = try #require(message["Attributes"] as? [String: String])
        #expect(attributes["ApproximateReceiveCount"] == "4", "three deliveries on the source, one now on the DLQ")
        #expect(attributes["DeadLetterQueueSourceArn"] == "arn:aws:sqs:us-east-1:000000000000:work")
        let sources = await harness.call("AmazonSQS.ListDeadLetterSourceQueues", ["QueueUrl": dlqURL])
        #expect(sources.json["queueUrls"] as? [String] == [url])
        let task = await harness.call("AmazonSQS.StartMessageMoveTask", ["SourceArn": dlqArn])
        #expect(task.status == 200)
        let entry = try #require(
            await harness.waitForMoveTask(dlqArn) { $0["Status"] as? String != "RUNNING" },
            "the move finishes without a clock advance"
        )
        #expect(entry["Status"] as? String == "COMPLETED")
        #expect(entry["ApproximateNumberOfMessagesMoved"] as? Int == 1)
        let back = await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url])
        #expect(((back.json["Messages"] as? [[String: Any]])?.first?["Body"] as? String) == "poison")
    }

    @Test func longPollWakesWhenAMessageArrives() async throws {
        let harness = try EmulatorHarness(virtualClock: true)
        let url = await harness.createQueue("q")
        let poll = Task { await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url, "WaitTimeSeconds": 20]) }
        // Give the poll time to start waiting; the virtual clock never moves on its own, so only the send can end it
        // (a watchdog below ends it after 10 s of wall time if the wake-up is broken).
        try await Task.sleep(nanoseconds: 100_000_000)
        _ = await harness.call("AmazonSQS.SendMessage", ["QueueUrl": url, "MessageBody": "wake"])
        let watchdog = Task {
            try await Task.sleep(nanoseconds: 10_000_000_000)
            await harness.advance(30)
        }
        let answer = await poll.value
        watchdog.cancel()
        #expect(((answer.json["Messages"] as? [[String: Any]])?.first?["Body"] as? String) == "wake")
    }

    @Test func longPollEndsWhenTheVirtualClockPassesItsDeadline() async throws {
        let harness = try EmulatorHarness(virtualClock: true)
        let url = await harness.createQueue("q")
        let poll = Task { await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url, "WaitTimeSeconds": 20]) }
        try await Task.sleep(nanoseconds: 100_000_000)
        await harness.advance(21)
        let answer = await poll.value
        #expect(answer.status == 200)
        #expect(answer.json["Messages"] == nil)
    }

    @Test func longPollWakesWhenAnInFlightMessageBecomesVisible() async throws {
        let harness = try EmulatorHarness(virtualClock: true)
        let url = await harness.createQueue("q", ["VisibilityTimeout": "5"])
        _ = await harness.call("AmazonSQS.SendMessage", ["QueueUrl": url, "MessageBody": "again"])
        _ = await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url])
        let poll = Task { await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url, "WaitTimeSeconds": 20]) }
        try await Task.sleep(nanoseconds: 100_000_000)
        await harness.advance(6)
        let answer = await poll.value
        #expect(((answer.json["Messages"] as? [[String: Any]])?.first?["Body"] as? String) == "again")
    }

    @Test func badInputIsRefusedAndChangesNothing() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("q", ["MaximumMessageSize": "1024"])
        let tooLong = await harness.call(
            "AmazonSQS.SendMessage",
            ["QueueUrl": url, "MessageBody": String(repeating: "x", count: 1025)]
        )
        #expect(tooLong.status == 400)
        #expect(tooLong.header("x-amzn-query-error") == "InvalidParameterValue;Sender")
        let badChar = await harness.call("AmazonSQS.SendMessage", ["QueueUrl": url, "MessageBody": "a\u{1}b"])
        #expect(badChar.errorType == "InvalidMessageContents")
        let wrongType = await harness.call("AmazonSQS.SendMessage", ["QueueUrl": url, "MessageBody": 12])
        #expect(wrongType.status == 400)
        let tooMany = await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url, "MaxNumberOfMessages": 11])
        #expect(tooMany.header("x-amzn-query-error") == "InvalidParameterValue;Sender")
        let badHandle = await harness.call("AmazonSQS.DeleteMessage", ["QueueUrl": url, "ReceiptHandle": "junk"])
        #expect(badHandle.errorType == "ReceiptHandleIsInvalid")
        let unknown = await harness.call("AmazonSQS.Frobnicate", [:])
        #expect(unknown.status == 400)
        let malformed = await harness.send(
            method: "POST",
            path: "/",
            query: "",
            service: "sqs",
            headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "AmazonSQS.SendMessage")],
            body: Array("{not json".utf8),
            signed: true,
            date: Date()
        )
        #expect(malformed.status == 400)
        let attributes = await harness.call(
            "AmazonSQS.GetQueueAttributes",
            ["QueueUrl": url, "AttributeNames": ["All"]]
        )
        let values = try #require(attributes.json["Attributes"] as? [String: String])
        #expect(values["ApproximateNumberOfMessages"] == "0", "no refused send was stored")
        let badAttribute = await harness.call(
            "AmazonSQS.SetQueueAttributes",
            ["QueueUrl": url, "Attributes": ["VisibilityTimeout": "99999"]]
        )
        #expect(badAttribute.errorType == "InvalidAttributeValue")
    }

    @Test func batchesReportEachEntry() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("q")
        let batch = await harness.call(
            "AmazonSQS.SendMessageBatch",
            [
                "QueueUrl": url,
                "Entries": [
                    ["Id": "ok", "MessageBody": "fine"], ["Id": "bad", "MessageBody": "x", "DelaySeconds": 901],
                ],
            ]
        )
        #expect((batch.json["Successful"] as? [[String: Any]])?.map { $0["Id"] as? String } == ["ok"])
        let failed = try #require((batch.json["Failed"] as? [[String: Any]])?.first)
        #expect(failed["Id"] as? String == "bad")
        #expect(failed["Code"] as? String == "InvalidParameterValue")
        #expect(failed["SenderFault"] as? Bool == true)
        let duplicate = await harness.call(
            "AmazonSQS.SendMessageBatch",
            ["QueueUrl": url, "Entries": [["Id": "a", "MessageBody": "1"], ["Id": "a", "MessageBody": "2"]]]
        )
        #expect(duplicate.errorType == "BatchEntryIdsNotDistinct")
        let empty = await harness.call("AmazonSQS.DeleteMessageBatch", ["QueueUrl": url, "Entries": [] as [Any]])
        #expect(empty.errorType == "EmptyBatchRequest")
    }

    @Test func queryProtocolSpeaksXML() async throws {
        let harness = try EmulatorHarness()
        let created = await harness.query([
            ("Action", "CreateQueue"), ("QueueName", "xml-q"), ("Attribute.1.Name", "DelaySeconds"),
            ("Attribute.1.Value", "0"),
        ])
        #expect(created.status == 200)
        #expect(created.text.contains("<QueueUrl>http://127.0.0.1:4566/000000000000/xml-q</QueueUrl>"))
        let sent = await harness.query([
            ("Action", "SendMessage"), ("QueueUrl", "http://127.0.0.1:4566/000000000000/xml-q"), ("MessageBody", "a&b"),
            ("MessageAttribute.1.Name", "k"), ("MessageAttribute.1.Value.DataType", "String"),
            ("MessageAttribute.1.Value.StringValue", "v"),
        ])
        #expect(sent.text.contains("<MD5OfMessageBody>\(SQSChecksum.body("a&b"))</MD5OfMessageBody>"))
        let received = await harness.query(
            [("Action", "ReceiveMessage"), ("AttributeName.1", "All"), ("MessageAttributeName.1", "All")],
            path: "/000000000000/xml-q"
        )
        #expect(received.text.contains("<Body>a&amp;b</Body>"))
        #expect(
            received.text.contains(
                "<MessageAttribute><Name>k</Name><Value><StringValue>v</StringValue><DataType>String</DataType></Value></MessageAttribute>"
            )
        )
        let missing = await harness.query([("Action", "GetQueueUrl"), ("QueueName", "nope")])
        #expect(missing.status == 400)
        #expect(missing.text.contains("<Code>AWS.SimpleQueueService.NonExistentQueue</Code>"))
    }

    @Test func adminViewsShowInvisibleMessagesAndResetDropsEverything() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("q")
        _ = await harness.call("AmazonSQS.SendMessage", ["QueueUrl": url, "MessageBody": "x"])
        _ = await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url])
        let view = await harness.admin("GET", "/_devstack/sqs/queues/q/messages")
        let message = try #require((view.json["messages"] as? [[String: Any]])?.first)
        #expect(message["state"] as? String == "inFlight")
        #expect(message["receiveCount"] as? Int == 1)
        #expect(await harness.admin("GET", "/_devstack/health").json["status"] as? String == "ok")
        #expect(await harness.admin("POST", "/_devstack/reset").status == 200)
        #expect(await harness.call("AmazonSQS.GetQueueUrl", ["QueueName": "q"]).status == 400)
        #expect(await harness.admin("POST", "/_devstack/clock", "{\"advance\": -1}").status == 400)
    }
}
