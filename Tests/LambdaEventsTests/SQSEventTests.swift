import Foundation
import LambdaEvents
import Testing

@Suite("SQS event and batch response")
struct SQSEventTests {
    @Test("a standard-queue event decodes field by field and re-encodes to the same JSON")
    func standardRoundTrip() throws {
        let (original, reencoded, event) = try JSONRoundTrip.of("sqs-standard", as: SQSEvent.self)
        #expect(reencoded == original)
        #expect(event.records.count == 2)
        let first = try #require(event.records.first)
        #expect(first.messageId == "1b6f2b1e-5a0c-4c7e-9d51-2f3e8a9b7c10")
        #expect(first.eventSource == SQSEventRecord.eventSourceSQS)
        #expect(first.awsRegion == "eu-west-1")
        #expect(first.attributes.receiveCount == 1)
        #expect(first.attributes.sentDate == Date(timeIntervalSince1970: 1_764_399_000.123))
        #expect(first.attributes.messageGroupId == nil)
        #expect(first.messageAttributes["sentry-hook-resource"]?.stringValue == "issue")
        #expect(first.md5OfMessageAttributes == "0f1e2d3c4b5a69788796a5b4c3d2e1f0")
        let second = event.records[1]
        #expect(second.messageAttributes.isEmpty)
        #expect(second.md5OfMessageAttributes == nil)
        #expect(second.attributes.awsTraceHeader?.hasPrefix("Root=1-692ac1b9") == true)
    }

    @Test("a FIFO event keeps group, deduplication, sequence and dead-letter attributes and binary values")
    func fifoRoundTrip() throws {
        let (original, reencoded, event) = try JSONRoundTrip.of("sqs-fifo", as: SQSEvent.self)
        #expect(reencoded == original)
        let record = try #require(event.records.first)
        #expect(record.attributes.messageGroupId == "team-payments")
        #expect(record.attributes.messageDeduplicationId == "dedup-0001")
        #expect(record.attributes.sequenceNumber == "18878027350649327616")
        #expect(record.attributes.deadLetterQueueSourceArn == "arn:aws:sqs:eu-west-1:123456789012:source.fifo")
        #expect(record.attributes.other.isEmpty)
        #expect(try record.messageAttributes["payload"]?.binaryBytes == Data("hello binary".utf8))
        #expect(record.messageAttributes["priority"]?.dataType == "Number.int")
        #expect(record.messageAttributes["reserved-lists"]?.stringListValues == ["a", "b"])
        #expect(record.messageAttributes["reserved-lists"]?.binaryListValues == ["AA==", "AQ=="])
    }

    @Test("an event built in code encodes as Lambda sends it: empty lists present, absent optionals left out")
    func builtEventShape() throws {
        let record = SQSEventRecord(
            messageId: "m-1",
            receiptHandle: "rh-1",
            body: "hi",
            attributes: .init(
                approximateReceiveCount: "1",
                sentTimestamp: "1000",
                senderId: "AIDA1",
                approximateFirstReceiveTimestamp: "1001"
            ),
            messageAttributes: ["kind": .string("issue"), "blob": .binary(Data([0, 1, 2]))],
            md5OfBody: "49f68a5c8493ec2c0bf489821c21fc3b",
            eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:q",
            awsRegion: "us-east-1"
        )
        let json = try JSONRoundTrip.json(JSONEncoder().encode(SQSEvent(records: [record])))
        let encoded = try #require(json["Records"].flatMap { if case .array(let a) = $0 { a.first } else { nil } })
        #expect(encoded["eventSource"] == .string("aws:sqs"))
        #expect(encoded["md5OfMessageAttributes"] == nil, "no attribute digest key when none was given")
        #expect(encoded["attributes"]?["MessageGroupId"] == nil, "standard queues send no MessageGroupId")
        #expect(encoded["attributes"]?["SentTimestamp"] == .string("1000"))
        #expect(encoded["messageAttributes"]?["kind"]?["stringListValues"] == .array([]))
        #expect(encoded["messageAttributes"]?["kind"]?["binaryListValues"] == .array([]))
        #expect(encoded["messageAttributes"]?["kind"]?["binaryValue"] == nil)
        #expect(encoded["messageAttributes"]?["blob"]?["binaryValue"] == .string("AAEC"))
    }

    @Test("system attributes this type does not name survive a round trip")
    func unknownAttributesKept() throws {
        let json = """
            {"ApproximateReceiveCount":"1","SentTimestamp":"1","SenderId":"s","ApproximateFirstReceiveTimestamp":"2",
             "SomeFutureAttribute":"x"}
            """
        let attributes = try JSONDecoder().decode(SQSEventRecordAttributes.self, from: Data(json.utf8))
        #expect(attributes.other == ["SomeFutureAttribute": "x"])
        let again = try JSONDecoder().decode(
            SQSEventRecordAttributes.self,
            from: JSONEncoder().encode(attributes)
        )
        #expect(again == attributes)
    }

    @Test("a record without a required system attribute is a decoding error naming it")
    func missingSystemAttribute() throws {
        let json = #"{"ApproximateReceiveCount":"1","SenderId":"s","ApproximateFirstReceiveTimestamp":"2"}"#
        #expect {
            try JSONDecoder().decode(SQSEventRecordAttributes.self, from: Data(json.utf8))
        } throws: { error in
            String(describing: error).contains("SentTimestamp")
        }
    }

    @Test("an attribute whose binaryValue is not base64 is a clear error, not empty bytes")
    func invalidBinaryValue() throws {
        let attribute = SQSEventMessageAttribute(dataType: "Binary", binaryValue: "not base64!")
        #expect(throws: LambdaEventError(.invalidBase64, "message attribute binaryValue is not valid base64")) {
            try attribute.binaryBytes
        }
        #expect(try SQSEventMessageAttribute.string("x").binaryBytes == nil)
    }

    @Test("the batch response encodes batchItemFailures with itemIdentifier, empty list for full success")
    func batchResponse() throws {
        let (original, reencoded, response) = try JSONRoundTrip.of("sqs-batch-response", as: SQSBatchResponse.self)
        #expect(reencoded == original)
        #expect(response.batchItemFailures.map(\.itemIdentifier).count == 2)
        let built = SQSBatchResponse(failedMessageIds: ["a", "b"])
        #expect(
            try JSONRoundTrip.json(JSONEncoder().encode(built))
                == .object([
                    "batchItemFailures": .array([
                        .object(["itemIdentifier": .string("a")]), .object(["itemIdentifier": .string("b")]),
                    ])
                ])
        )
        #expect(
            try JSONRoundTrip.json(JSONEncoder().encode(SQSBatchResponse()))
                == .object(["batchItemFailures": .array([])])
        )
    }
}
