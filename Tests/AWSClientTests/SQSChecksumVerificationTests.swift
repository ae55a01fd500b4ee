import AWSClient
import Foundation
import Testing

@Suite("SQS checksum verification")
struct SQSChecksumVerificationTests {
    static let attributes: [String: SQSMessageAttributeValue] = ["team": .string("backend")]

    @Test("the published example: MD5 of 'hello' and of one String attribute")
    func knownDigests() {
        #expect(SQSChecksum.body("hello") == "5d41402abc4b2a76b9719d911017c592")
        #expect(SQSChecksum.attributes([:]) == nil)
    }

    @Test("SendMessage with a wrong MD5OfMessageBody throws checksumMismatch")
    func sendBodyMismatch() async throws {
        let clock = FakeClock()
        let transport = FakeTransport([
            .respond(.json(200, #"{"MD5OfMessageBody":"00000000000000000000000000000000","MessageId":"m-1"}"#))
        ])
        let sqs = try Fixtures.sqs(transport, clock: clock)
        let error = await #expect(throws: AWSClientError.self) {
            try await sqs.sendMessage(queueURL: "q", body: "hello", deadline: clock.now.advanced(by: .seconds(5)))
        }
        #expect(error?.code == .checksumMismatch)
        #expect(error?.message.contains("MD5OfMessageBody") == true)
        #expect(transport.calls.count == 1, "a checksum mismatch is not retried (the message may be enqueued)")
    }

    @Test("SendMessage with attributes needs a matching MD5OfMessageAttributes (upper-case hex accepted)")
    func sendAttributesMismatch() async throws {
        let clock = FakeClock()
        let good = try #require(SQSChecksum.attributes(Self.attributes))
        let body = SQSChecksum.body("hello").uppercased()
        let transport = FakeTransport([
            .respond(
                .json(
                    200,
                    #"{"MD5OfMessageBody":"\#(body)","MD5OfMessageAttributes":"\#(good.uppercased())","MessageId":"m-1"}"#
                )
            ),
            .respond(
                .json(
                    200,
                    #"{"MD5OfMessageBody":"\#(body)","MD5OfMessageAttributes":"\#(SQSChecksum.body("x"))","MessageId":"m-2"}"#
                )
            ),
            .respond(.json(200, #"{"MD5OfMessageBody":"\#(body)","MessageId":"m-3"}"#)),
        ])
        let sqs = try Fixtures.sqs(transport, clock: clock)
        let deadline = clock.now.advanced(by: .seconds(5))
        let ok = try await sqs.sendMessage(
            queueURL: "q",
            body: "hello",
            attributes: Self.attributes,
            deadline: deadline
        )
        #expect(ok.messageID == "m-1")
        let wrong = await #expect(throws: AWSClientError.self) {
            try await sqs.sendMessage(queueURL: "q", body: "hello", attributes: Self.attributes, deadline: deadline)
        }
        #expect(wrong?.code == .checksumMismatch)
        #expect(wrong?.message.contains("m-2") == true)
        let absent = await #expect(throws: AWSClientError.self) {
            try await sqs.sendMessage(queueURL: "q", body: "hello", attributes: Self.attributes, deadline: deadline)
        }
        #expect(absent?.code == .checksumMismatch)
    }

    @Test("an AWSTraceHeader system attribute is sent and MD5OfMessageSystemAttributes is verified")
    func systemAttributes() async throws {
        let clock = FakeClock()
        let trace = SQSClient.traceHeader("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
        let good = try #require(SQSChecksum.attributes(trace))
        let body = SQSChecksum.body("hello")
        let transport = FakeTransport([
            .respond(
                .json(
                    200,
                    #"{"MD5OfMessageBody":"\#(body)","MD5OfMessageSystemAttributes":"\#(good)","MessageId":"m-1"}"#
                )
            ),
            .respond(
                .json(
                    200,
                    #"{"MD5OfMessageBody":"\#(body)","MD5OfMessageSystemAttributes":"\#(body)","MessageId":"m-2"}"#
                )
            ),
        ])
        let sqs = try Fixtures.sqs(transport, clock: clock)
        let deadline = clock.now.advanced(by: .seconds(5))
        let ok = try await sqs.sendMessage(queueURL: "q", body: "hello", systemAttributes: trace, deadline: deadline)
        #expect(ok.md5OfMessageSystemAttributes == good)
        let sent = try Fixtures.jsonObject(try #require(transport.calls.first).request.body)
        let system = try #require(sent["MessageSystemAttributes"] as? [String: [String: String]])
        #expect(system["AWSTraceHeader"]?["DataType"] == "String")
        let wrong = await #expect(throws: AWSClientError.self) {
            try await sqs.sendMessage(queueURL: "q", body: "hello", systemAttributes: trace, deadline: deadline)
        }
        #expect(wrong?.code == .checksumMismatch)
        #expect(wrong?.message.contains("MD5OfMessageSystemAttributes") == true)
    }

    @Test("SendMessageBatch checks each successful entry against the entry sent with that id")
    func batchMismatch() async throws {
        let clock = FakeClock()
        let entries = [
            SQSSendMessageBatchEntry(id: "a", body: "first"), SQSSendMessageBatchEntry(id: "b", body: "second"),
        ]
        // Entry b's digest is the digest of entry a's body: right digest, wrong entry.
        let transport = FakeTransport([
            .respond(
                .json(
                    200,
                    #"{"Successful":[{"Id":"a","MessageId":"m-a","MD5OfMessageBody":"\#(SQSChecksum.body("first"))"},{"Id":"b","MessageId":"m-b","MD5OfMessageBody":"\#(SQSChecksum.body("first"))"}]}"#
                )
            ),
            .respond(
                .json(
                    200,
                    #"{"Successful":[{"Id":"a","MessageId":"m-a","MD5OfMessageBody":"\#(SQSChecksum.body("first"))"}],"Failed":[{"Id":"b","Code":"InternalError","SenderFault":false,"Message":"try again"}]}"#
                )
            ),
        ])
        let sqs = try Fixtures.sqs(transport, clock: clock)
        let deadline = clock.now.advanced(by: .seconds(5))
        let error = await #expect(throws: AWSClientError.self) {
            try await sqs.sendMessageBatch(queueURL: "q", entries: entries, deadline: deadline)
        }
        #expect(error?.code == .checksumMismatch)
        #expect(error?.message.contains("'b'") == true)
        let partial = try await sqs.sendMessageBatch(queueURL: "q", entries: entries, deadline: deadline)
        #expect(partial.successful.map(\.id) == ["a"])
        #expect(
            partial.failed == [
                SQSBatchResultErrorEntry(id: "b", code: "InternalError", message: "try again", senderFault: false)
            ]
        )
    }

    @Test("ReceiveMessage verifies each message's MD5OfBody, and MD5OfMessageAttributes when attributes came back")
    func receiveMismatch() async throws {
        let clock = FakeClock()
        let md5Attributes = try #require(SQSChecksum.attributes(Self.attributes))
        let good =
            #"{"MessageId":"m-1","ReceiptHandle":"rh","Body":"héllo ✓","MD5OfBody":"\#(SQSChecksum.body("héllo ✓"))","Attributes":{"ApproximateReceiveCount":"2"},"MessageAttributes":{"team":{"DataType":"String","StringValue":"backend"}},"MD5OfMessageAttributes":"\#(md5Attributes)"}"#
        let badBody =
            #"{"MessageId":"m-2","ReceiptHandle":"rh","Body":"tampered","MD5OfBody":"\#(SQSChecksum.body("hello"))"}"#
        let badAttributes =
            #"{"MessageId":"m-3","ReceiptHandle":"rh","Body":"x","MD5OfBody":"\#(SQSChecksum.body("x"))","MessageAttributes":{"team":{"DataType":"String","StringValue":"frontend"}},"MD5OfMessageAttributes":"\#(md5Attributes)"}"#
        let transport = FakeTransport([
            .respond(.json(200, #"{"Messages":[\#(good)]}"#)),
            .respond(.json(200, #"{"Messages":[\#(good),\#(badBody)]}"#)),
            .respond(.json(200, #"{"Messages":[\#(badAttributes)]}"#)),
        ])
        let sqs = try Fixtures.sqs(transport, clock: clock)
        let deadline = clock.now.advanced(by: .seconds(5))
        let messages = try await sqs.receiveMessage(queueURL: "q", messageAttributeNames: ["All"], deadline: deadline)
        let message = try #require(messages.first)
        #expect(message.body == "héllo ✓")
        #expect(message.attributes["ApproximateReceiveCount"] == "2")
        #expect(message.messageAttributes == Self.attributes)
        let body = await #expect(throws: AWSClientError.self) {
            try await sqs.receiveMessage(queueURL: "q", deadline: deadline)
        }
        #expect(body?.code == .checksumMismatch)
        #expect(body?.message.contains("m-2") == true)
        let attributes = await #expect(throws: AWSClientError.self) {
            try await sqs.receiveMessage(queueURL: "q", deadline: deadline)
        }
        #expect(attributes?.message.contains("MD5OfMessageAttributes") == true)
    }
}
