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

    @Test func a900KBBodyWithU_FFFEGoesGzippedThenBase64() async throws {
        let queue = FakeQueue(clock: clock)
        let logs = LogCapture()
        let body = Self.alert(title: "\u{FFFE}", padding: 900_000)
        let response = await handler(queue: queue).handle(request(body: body), logger: logs.logger)
        #expect(response.statusCode == 200, "base64 alone would be 1.2 MB")
        let sent = try #require(queue.sent.first)
        #expect(sent.attributes["body_encoding"] == "gzip+base64")
        #expect(try SQSMessageBody.decode(body: sent.body, attributes: sent.attributes) == Array(body.utf8))
        #expect(logs.objects.contains { $0["body_encoding"] as? String == "gzip+base64" })
    }

    @Test func a3MBBodyIsGzippedAnd200() async throws {
        let queue = FakeQueue(clock: clock)
        let body = Self.alert(title: "Boom", padding: 3_000_000)
        let response = await handler(queue: queue).handle(request(body: body), logger: LogCapture().logger)
        #expect(response.statusCode == 200, "MAX_BODY_BYTES defaults to Lambda's 6 MB, SQS's 1 MiB is met by gzip")
        let sent = try #require(queue.sent.first)
        #expect(sent.attributes["body_encoding"] == "gzip+base64")
        #expect(try SQSMessageBody.decode(body: sent.body, attributes: sent.attributes) == Array(body.utf8))
    }

    @Test func aBodyThatCannotFitEvenGzippedIs413NotA503Loop() async throws {
        let queue = FakeQueue(clock: clock)
        let logs = LogCapture()
        var generator = SeededGenerator(seed: 12)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let noise = String((0..<1_500_000).map { _ in alphabet.randomElement(using: &generator)! })
        let body = Self.alert(title: noise)
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

    @Test func maxBodyBytesIsCappedAtLambdasPayloadLimit() throws {
        #expect(try ProducerConfiguration(environment: ["QUEUE_URL": "http://q.test/1"]).maxBodyBytes == 6_291_456)
        #expect(throws: ConfigurationError.self) {
            try ProducerConfiguration(environment: ["QUEUE_URL": "http://q.test/1", "MAX_BODY_BYTES": "6291457"])
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

    @Test func theSizeCountsTheAttributes() throws {
        let body = String(repeating: "x", count: 1_048_576 - 20)
        #expect(try #require(SQSMessageBody.encode(Array(body.utf8), attributes: [:])).encoding == nil)
        let encoded = try #require(SQSMessageBody.encode(Array(body.utf8), attributes: ["resource": "event_alert"]))
        #expect(encoded.encoding == .gzipBase64, "8 + 6 + 11 bytes of attribute take the plain body over 1 MiB")
    }

    @Test func gzipRoundTripsAndRefusesWhatIsNotAWholeStream() throws {
        let raw = Array(String(repeating: "{\"frame\":\"handle_tenant\"}", count: 10_000).utf8)
        let compressed = try #require(Gzip.compress(raw))
        #expect(compressed.count < raw.count / 20)
        #expect(Array(compressed.prefix(2)) == [0x1F, 0x8B], "a gzip header")
        #expect(Gzip.decompress(compressed, limit: raw.count) == raw)
        #expect(Gzip.decompress(compressed, limit: raw.count - 1) == nil, "over the limit: a bomb")
        #expect(Gzip.decompress(Array(compressed.dropLast(4)), limit: raw.count) == nil, "cut short")
        #expect(Gzip.decompress(compressed + [0], limit: raw.count) == nil, "trailing bytes")
        #expect(Gzip.decompress(raw, limit: raw.count) == nil, "not gzip")
        #expect(Gzip.compress([]).flatMap { Gzip.decompress($0, limit: 0) } == [])
    }

    @Test func anUnknownEncodingOrBadBase64IsAnError() {
        #expect(throws: SQSMessageBody.DecodingError.unknownEncoding("zstd")) {
            try SQSMessageBody.decode(body: "x", attributes: ["body_encoding": "zstd"])
        }
        #expect(throws: SQSMessageBody.DecodingError.invalidBase64) {
            try SQSMessageBody.decode(body: "not base64!", attributes: ["body_encoding": "base64"])
        }
        #expect(throws: SQSMessageBody.DecodingError.invalidGzip) {
            try SQSMessageBody.decode(body: "aGVsbG8=", attributes: ["body_encoding": "gzip+base64"])
        }
    }
}
