import AWSClient
import AWSSigV4
import Foundation
import Testing

@Suite("SQS requests, byte for byte")
struct SQSRequestTests {
    static let sendResponse = AWSHTTPResponse.json(
        200,
        #"{"MD5OfMessageAttributes":"\#(SQSChecksum.attributes(["n": .number("3"), "team": .string("backend")])!)","MD5OfMessageBody":"5d41402abc4b2a76b9719d911017c592","MessageId":"m-1"}"#
    )

    @Test("SendMessage: POST / to the SQS endpoint, JSON 1.0, target header, sorted JSON body, signed")
    func sendMessageRequest() async throws {
        let clock = FakeClock()
        let transport = FakeTransport([.respond(Self.sendResponse)])
        let sqs = try Fixtures.sqs(transport, clock: clock)
        let result = try await sqs.sendMessage(
            queueURL: Fixtures.queueURL,
            body: "hello",
            attributes: ["team": .string("backend"), "n": .number("3")],
            delaySeconds: 5,
            deadline: clock.now.advanced(by: .seconds(30))
        )
        #expect(result.messageID == "m-1")
        #expect(result.md5OfMessageBody == "5d41402abc4b2a76b9719d911017c592")

        let call = try #require(transport.calls.first)
        let request = call.request
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://sqs.us-east-1.amazonaws.com/")
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"DelaySeconds":5,"MessageAttributes":{"n":{"DataType":"Number","StringValue":"3"},"team":{"DataType":"String","StringValue":"backend"}},"MessageBody":"hello","QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/sentry-webhooks"}"#
        )
        #expect(request.header("Host") == "sqs.us-east-1.amazonaws.com")
        #expect(request.header("Content-Type") == "application/x-amz-json-1.0")
        #expect(request.header("X-Amz-Target") == "AmazonSQS.SendMessage")
        #expect(request.header("X-Amz-Date") == "20150830T123600Z")
        #expect(request.header("amz-sdk-request") == "attempt=1; max=3")
        #expect(request.header("X-Amz-Security-Token") == nil, "no session token configured, none sent")
        let authorization = try #require(request.header("Authorization"))
        #expect(
            authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sqs/aws4_request, ")
        )
        #expect(authorization.contains("SignedHeaders=amz-sdk-request;content-type;host;x-amz-date;x-amz-target,"))
        let verified = try Fixtures.verifySignature(request)
        #expect(verified.service == "sqs")
        #expect(verified.region == "us-east-1")
        #expect(call.timeout == .seconds(10))
    }

    @Test("a session token is sent and signed; an endpoint override with a port goes into Host")
    func sessionTokenAndEndpointOverride() async throws {
        let clock = FakeClock()
        let transport = FakeTransport([.respond(.json(200, "{}"))])
        let configuration = try Fixtures.configuration([
            "AWS_SESSION_TOKEN": "FQoGZXIvYXdzEXAMPLE", "AWS_ENDPOINT_URL_SQS": "http://127.0.0.1:4566",
        ])
        let sqs = try Fixtures.sqs(transport, clock: clock, configuration: configuration)
        try await sqs.deleteMessage(
            queueURL: Fixtures.queueURL,
            receiptHandle: "rh-1",
            deadline: clock.now.advanced(by: .seconds(5))
        )
        let request = try #require(transport.calls.first?.request)
        #expect(request.url.absoluteString == "http://127.0.0.1:4566/")
        #expect(request.header("Host") == "127.0.0.1:4566")
        #expect(request.header("X-Amz-Target") == "AmazonSQS.DeleteMessage")
        #expect(request.header("X-Amz-Security-Token") == "FQoGZXIvYXdzEXAMPLE")
        #expect(request.header("Authorization")?.contains("x-amz-security-token") == true)
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/sentry-webhooks","ReceiptHandle":"rh-1"}"#
        )
        _ = try Fixtures.verifySignature(request)
    }

    @Test("every SQS operation sends its target and its members under the model's names")
    func operationBodies() async throws {
        let clock = FakeClock()
        let receiveBody = #"{"Messages":[]}"#
        let transport = FakeTransport([
            .respond(.json(200, #"{"Successful":[],"Failed":[]}"#)),
            .respond(.json(200, receiveBody)),
            .respond(
                .json(
                    200,
                    #"{"Successful":[{"Id":"a"}],"Failed":[{"Id":"b","Code":"ReceiptHandleIsInvalid","SenderFault":true}]}"#
                )
            ),
            .respond(.json(200, "")),
            .respond(.json(200, #"{"Successful":[{"Id":"a"}]}"#)),
            .respond(.json(200, #"{"QueueUrl":"http://127.0.0.1:4566/000000000000/q"}"#)),
            .respond(.json(200, #"{"Attributes":{"VisibilityTimeout":"30"}}"#)),
            .respond(.json(200, #"{"TaskHandle":"th-1"}"#)),
            .respond(
                .json(
                    200,
                    #"{"Results":[{"TaskHandle":"th-1","Status":"RUNNING","SourceArn":"arn:dlq","ApproximateNumberOfMessagesMoved":2,"ApproximateNumberOfMessagesToMove":5,"StartedTimestamp":1700000000000}]}"#
                )
            ),
            .respond(.json(200, #"{"ApproximateNumberOfMessagesMoved":2}"#)),
        ])
        let sqs = try Fixtures.sqs(transport, clock: clock)
        let deadline = clock.now.advanced(by: .seconds(60))
        let sent = try await sqs.sendMessageBatch(queueURL: "q", entries: [], deadline: deadline)
        #expect(sent.successful.isEmpty && sent.failed.isEmpty)
        let messages = try await sqs.receiveMessage(
            queueURL: "q",
            maxNumberOfMessages: 10,
            visibilityTimeout: 30,
            waitTimeSeconds: 20,
            attributeNames: ["All"],
            messageSystemAttributeNames: ["ApproximateReceiveCount"],
            messageAttributeNames: ["All"],
            deadline: deadline
        )
        #expect(messages.isEmpty)
        let deleted = try await sqs.deleteMessageBatch(
            queueURL: "q",
            entries: [.init(id: "a", receiptHandle: "ra"), .init(id: "b", receiptHandle: "rb")],
            deadline: deadline
        )
        #expect(deleted.successful == ["a"])
        #expect(
            deleted.failed == [SQSBatchResultErrorEntry(id: "b", code: "ReceiptHandleIsInvalid", senderFault: true)]
        )
        try await sqs.changeMessageVisibility(
            queueURL: "q",
            receiptHandle: "ra",
            visibilityTimeout: 0,
            deadline: deadline
        )
        let changed = try await sqs.changeMessageVisibilityBatch(
            queueURL: "q",
            entries: [.init(id: "a", receiptHandle: "ra", visibilityTimeout: 60)],
            deadline: deadline
        )
        #expect(changed.successful == ["a"] && changed.failed.isEmpty)
        let url = try await sqs.getQueueURL(queueName: "q", ownerAccountID: "000000000000", deadline: deadline)
        #expect(url == "http://127.0.0.1:4566/000000000000/q")
        let attributes = try await sqs.getQueueAttributes(queueURL: "q", deadline: deadline)
        #expect(attributes == ["VisibilityTimeout": "30"])
        let handle = try await sqs.startMessageMoveTask(
            sourceARN: "arn:dlq",
            destinationARN: "arn:q",
            maxNumberOfMessagesPerSecond: 10,
            deadline: deadline
        )
        #expect(handle == "th-1")
        let tasks = try await sqs.listMessageMoveTasks(sourceARN: "arn:dlq", maxResults: 10, deadline: deadline)
        #expect(
            tasks == [
                SQSMessageMoveTask(
                    taskHandle: "th-1",
                    status: "RUNNING",
                    sourceARN: "arn:dlq",
                    startedTimestamp: 1_700_000_000_000,
                    approximateNumberOfMessagesMoved: 2,
                    approximateNumberOfMessagesToMove: 5
                )
            ]
        )
        let moved = try await sqs.cancelMessageMoveTask(taskHandle: "th-1", deadline: deadline)
        #expect(moved == 2)

        let calls = transport.calls
        try #require(calls.count == 10)
        let expected: [(String, String)] = [
            ("SendMessageBatch", #"{"Entries":[],"QueueUrl":"q"}"#),
            (
                "ReceiveMessage",
                #"{"AttributeNames":["All"],"MaxNumberOfMessages":10,"MessageAttributeNames":["All"],"MessageSystemAttributeNames":["ApproximateReceiveCount"],"QueueUrl":"q","VisibilityTimeout":30,"WaitTimeSeconds":20}"#
            ),
            (
                "DeleteMessageBatch",
                #"{"Entries":[{"Id":"a","ReceiptHandle":"ra"},{"Id":"b","ReceiptHandle":"rb"}],"QueueUrl":"q"}"#
            ),
            ("ChangeMessageVisibility", #"{"QueueUrl":"q","ReceiptHandle":"ra","VisibilityTimeout":0}"#),
            (
                "ChangeMessageVisibilityBatch",
                #"{"Entries":[{"Id":"a","ReceiptHandle":"ra","VisibilityTimeout":60}],"QueueUrl":"q"}"#
            ),
            ("GetQueueUrl", #"{"QueueName":"q","QueueOwnerAWSAccountId":"000000000000"}"#),
            ("GetQueueAttributes", #"{"AttributeNames":["All"],"QueueUrl":"q"}"#),
            (
                "StartMessageMoveTask",
                #"{"DestinationArn":"arn:q","MaxNumberOfMessagesPerSecond":10,"SourceArn":"arn:dlq"}"#
            ),
            ("ListMessageMoveTasks", #"{"MaxResults":10,"SourceArn":"arn:dlq"}"#),
            ("CancelMessageMoveTask", #"{"TaskHandle":"th-1"}"#),
        ]
        for (call, (operation, body)) in zip(calls, expected) {
            #expect(call.request.header("X-Amz-Target") == "AmazonSQS.\(operation)")
            #expect(String(decoding: call.request.body, as: UTF8.self) == body, "\(operation)")
        }
        #expect(calls[1].timeout == .seconds(30), "ReceiveMessage's attempt timeout covers the 20 s wait plus 10 s")
    }

    @Test("SendMessageBatch entries carry attributes, delay and FIFO fields; binary values are base64")
    func batchEntryEncoding() async throws {
        let clock = FakeClock()
        let entry = SQSSendMessageBatchEntry(
            id: "e1",
            body: "b",
            attributes: ["blob": .binary(Data([0, 1, 2, 255]))],
            delaySeconds: 1,
            messageGroupID: "g",
            messageDeduplicationID: "d"
        )
        let md5Body = SQSChecksum.body("b")
        let md5Attributes = try #require(SQSChecksum.attributes(["blob": .binary(Data([0, 1, 2, 255]))]))
        let transport = FakeTransport([
            .respond(
                .json(
                    200,
                    #"{"Successful":[{"Id":"e1","MessageId":"m1","MD5OfMessageBody":"\#(md5Body)","MD5OfMessageAttributes":"\#(md5Attributes)","SequenceNumber":"1"}],"Failed":[]}"#
                )
            )
        ])
        let sqs = try Fixtures.sqs(transport, clock: clock)
        let result = try await sqs.sendMessageBatch(
            queueURL: "q.fifo",
            entries: [entry],
            deadline: clock.now.advanced(by: .seconds(5))
        )
        #expect(result.successful.map(\.messageID) == ["m1"])
        #expect(result.successful.first?.sequenceNumber == "1")
        let body = String(decoding: try #require(transport.calls.first).request.body, as: UTF8.self)
        #expect(
            body
                == #"{"Entries":[{"DelaySeconds":1,"Id":"e1","MessageAttributes":{"blob":{"BinaryValue":"AAEC/w==","DataType":"Binary"}},"MessageBody":"b","MessageDeduplicationId":"d","MessageGroupId":"g"}],"QueueUrl":"q.fifo"}"#
        )
    }
}
