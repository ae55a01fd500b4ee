import AsanaAPI
import ConsumerService
import Foundation
import ServiceSupport
import Testing

/// Issue 12 §4: a body the producer had to encode is processed exactly as the same body sent plain.
@Suite struct ConsumerBodyEncodingTests {
    @Test func aBase64BodyMakesTheSameTaskAsThePlainBody() async throws {
        let body = TestBed.alert(title: "Bad byte \u{FFFE} in \u{FFFF} title")
        let plain = TestBed()
        plain.seedIssue("4200000001")
        _ = try await plain.run([TestBed.record("p", body: body)])
        let encoded = TestBed()
        encoded.seedIssue("4200000001")
        let result = try await encoded.run([
            TestBed.record(
                "e",
                body: Data(body.utf8).base64EncodedString(),
                attributes: ["resource": "event_alert", "body_encoding": "base64"]
            )
        ])
        #expect(result.failedMessageIDs == [])
        #expect(encoded.deadLetters.ids == [])
        let task = try #require(encoded.asana.createCalls.first)
        #expect(encoded.asana.createCalls.count == 1)
        #expect(task.name == "Bad byte \u{FFFE} in \u{FFFF} title", "the title arrives with its exact characters")
        #expect(task == plain.asana.createCalls.first)
    }

    @Test func aGzippedBodyMakesTheSameTaskAsThePlainBody() async throws {
        let body = TestBed.alert(title: "MemoryError \u{FFFF}")
        let plain = TestBed()
        plain.seedIssue("4200000001")
        _ = try await plain.run([TestBed.record("p", body: body)])
        let gzipped = TestBed()
        gzipped.seedIssue("4200000001")
        let compressed = try #require(Gzip.compress(Array(body.utf8)))
        let result = try await gzipped.run([
            TestBed.record(
                "g",
                body: Data(compressed).base64EncodedString(),
                attributes: ["resource": "event_alert", "body_encoding": "gzip+base64"]
            )
        ])
        #expect(result.failedMessageIDs == [] && gzipped.deadLetters.ids == [])
        #expect(gzipped.asana.createCalls.count == 1)
        #expect(gzipped.asana.createCalls.first == plain.asana.createCalls.first)
    }

    @Test func theRawBodyIsTheProducersBytes() throws {
        let raw = Array(TestBed.alert(title: "\u{FFFE}").utf8)
        let record = TestBed.record(
            body: Data(raw).base64EncodedString(),
            attributes: ["resource": "event_alert", "body_encoding": "base64"]
        )
        #expect(try record.rawBody() == raw)
        #expect(try TestBed.record(body: "{}").rawBody() == Array("{}".utf8), "no attribute: the body itself")
    }

    @Test(arguments: [
        ("not base64!", "base64", "not base64"),
        (Data(TestBed.alert().utf8).base64EncodedString(), "zstd", "unknown body_encoding 'zstd'"),
        (Data(TestBed.alert().utf8).base64EncodedString(), "gzip+base64", "not a whole gzip stream"),
    ])
    func aBodyThatCannotBeDecodedGoesToTheDLQ(body: String, encoding: String, reason: String) async throws {
        let bed = TestBed()
        let result = try await bed.run([
            TestBed.record("bad", body: body, attributes: ["resource": "event_alert", "body_encoding": encoding])
        ])
        #expect(result.failedMessageIDs == [])
        #expect(bed.deadLetters.ids == ["bad"])
        #expect(bed.deadLetters.reasons.first?.contains(reason) == true, "\(bed.deadLetters.reasons)")
        #expect(bed.asana.createCalls.isEmpty)
    }
}
