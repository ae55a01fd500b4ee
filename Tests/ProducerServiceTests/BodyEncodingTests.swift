import Foundation
import ProducerService
import ServiceSupport
import Testing

/// Issue 12 §4: a body SQS cannot carry as text still reaches the consumer losslessly, and is never a 503.
extension WebhookHandlerTests {
    /// An alert whose title holds `text`, padded with an `extra` field to about `padding` bytes.
    static func alert(title text: String, padding: Int = 0) -> String {
        #"{"action":"triggered","data":{"event":{"event_id":"e1","issue_id":42,"title":"\#(text)","extra":""#
            + String(repeating: "x", count: padding) + #""}}}"#
    }

    @Test(arguments: ["\u{FFFE}", "\u{FFFF}", "a\u{FFFE}b\u{FFFF}c"])
    func aBodyWithCharactersSQSRefusesIsEnqueuedAsBase64And200(title: String) async throws {
        let body = Self.alert(title: title)
        let queue = FakeQueue(clock: clock)
        let logs = LogCapture()
        let response = await handler(queue: queue).handle(request(body: body), logger: logs.logger)
        #expect(response.statusCode == 200)
        #expect(queue.calls == 1, "no failed attempt first: the body is encoded before it is sent")
        let sent = try #require(queue.sent.first)
        #expect(sent.attributes["body_encoding"] == "base64")
        #expect(sent.attributes["resource"] == "event_alert", "the other attributes are kept")
        #expect(Data(base64Encoded: sent.body) == Data(body.utf8), "the consumer gets the signed bytes back")
        #expect(
            try SQSMessageBody.decode(body: sent.body, attributes: sent.attributes) == Array(body.utf8)
        )
        #expect(logs.objects.contains { $0["body_encoding"] as? String == "base64" })
    }

    @Test func aSafeBodyStaysPlainWithoutAnEncodingAttribute() async throws {
        let queue = FakeQueue(clock: clock)
        let body = Self.alert(title: "Zürich \u{1F525} \u{D7FF}\u{E000}\u{FFFD}")
        _ = await handler(queue: queue).handle(request(body: body), logger: LogCapture().logger)
        let sent = try #require(queue.sent.first)
        #expect(sent.body == body)
        #expect(sent.attributes["body_encoding"] == nil)
    }

    @Test func a900KBBodyIsEnqueuedPlainAnd200() async throws {
        let queue = FakeQueue(clock: clock)
        let body = Self.alert(title: "Boom", padding: 900_000)
        let response = await handler(queue: queue).handle(request(body: body), logger: LogCapture().logger)
        #expect(response.statusCode == 200, "the default MAX_BODY_BYTES is SQS's 1 MiB, not 256 KiB")
        #expect(queue.sent.first?.body == body)
    }

    @Test func a700KBBodyWithU_FFFEFitsBase64Encoded() async throws {
        let queue = FakeQueue(clock: clock)
        let body = Self.alert(title: "\u{FFFE}", padding: 700_000)
        let response = await handler(queue: queue).handle(request(body: body), logger: LogCapture().logger)
        #expect(response.statusCode == 200)
        let sent = try #require(queue.sent.first)
        #expect(Data(base64Encoded: sent.body) == Data(body.utf8))
    }

    @Test func aBodyThatCannotFitEvenEncodedIs413NotA503Loop() async throws {
        let queue = FakeQueue(clock: clock)
        let logs = LogCapture()
        let body = Self.alert(title: "\u{FFFE}", padding: 900_000)
        let response = await handler(queue: queue).handle(request(body: body), logger: logs.logger)
        #expect(response.statusCode == 413)
        #expect(response.jsonBody["error"] == "payload_too_large")
        #expect(queue.calls == 0, "nothing is sent that SQS must refuse")
        #expect(
            logs.objects.contains {
                $0["level"] as? String == "error" && ($0["message"] as? String)?.contains("too large for SQS") == true
            }
        )
    }

    @Test func aBodyOverOneMebibyteIs413() async {
        let queue = FakeQueue(clock: clock)
        let body = Self.alert(title: "Boom", padding: 1_048_576)
        let response = await handler(queue: queue).handle(request(body: body), logger: LogCapture().logger)
        #expect(response.statusCode == 413)
        #expect(queue.calls == 0)
    }

    @Test func maxBodyBytesIsCappedAtSQSsLimit() throws {
        #expect(try ProducerConfiguration(environment: ["QUEUE_URL": "http://q.test/1"]).maxBodyBytes == 1_048_576)
        #expect(throws: ConfigurationError.self) {
            try ProducerConfiguration(environment: ["QUEUE_URL": "http://q.test/1", "MAX_BODY_BYTES": "1048577"])
        }
    }
}

@Suite struct SQSMessageBodyTests {
    @Test(arguments: [0x9, 0xA, 0xD, 0x20, 0xD7FF, 0xE000, 0xFFFD, 0x10000, 0x10FFFF] as [UInt32])
    func sqsAllowedCharactersAreAllowed(value: UInt32) throws {
        #expect(SQSMessageBody.isAllowed(try #require(Unicode.Scalar(value))))
    }

    @Test(arguments: [0x0, 0x8, 0xB, 0x1F, 0xFFFE, 0xFFFF] as [UInt32])
    func sqsRefusedCharactersAreRefused(value: UInt32) throws {
        #expect(!SQSMessageBody.isAllowed(try #require(Unicode.Scalar(value))))
    }

    @Test func bytesThatAreNotUTF8GoBase64AndComeBackUnchanged() throws {
        let raw: [UInt8] = [0x7B, 0xFF, 0xC3, 0x28, 0x7D]
        let encoded = try #require(SQSMessageBody.encode(raw, attributes: ["resource": "event_alert"]))
        #expect(encoded.encoding == .base64)
        #expect(try SQSMessageBody.decode(body: encoded.body, attributes: encoded.attributes) == raw)
    }

    @Test func theSizeCountsTheAttributes() {
        let body = String(repeating: "x", count: 1_048_576 - 20)
        #expect(SQSMessageBody.encode(Array(body.utf8), attributes: [:]) != nil)
        #expect(
            SQSMessageBody.encode(Array(body.utf8), attributes: ["resource": "event_alert"]) == nil,
            "8 + 6 + 11 bytes of attribute take it over 1 MiB"
        )
    }

    @Test func anUnknownEncodingOrBadBase64IsAnError() {
        #expect(throws: SQSMessageBody.DecodingError.unknownEncoding("zstd")) {
            try SQSMessageBody.decode(body: "x", attributes: ["body_encoding": "zstd"])
        }
        #expect(throws: SQSMessageBody.DecodingError.invalidBase64) {
            try SQSMessageBody.decode(body: "not base64!", attributes: ["body_encoding": "base64"])
        }
    }
}
