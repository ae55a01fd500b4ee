import Foundation
import Hashing
import Synchronization
import TestSupport
import Testing

@testable import Stubs

@Suite struct WebhookSenderTests {
    /// A fake producer answering `statuses` in turn (the last one repeats); `delay` stalls every answer.
    func producer(_ received: Received, statuses: [Int], delay: Duration = .zero) -> StubServer {
        StubServer(service: FakeProducer(received: received, statuses: statuses, delay: delay))
    }

    @Test func sendsTheExactBytesSignedLikeSentry() async throws {
        let file = try #require(try Fixtures.webhooks().first)
        let bytes = Array(try Data(contentsOf: file))
        let received = Received()
        let delivery = try await producer(received, statuses: [200]).withRunning { base in
            await WebhookSender(secret: "s3cret").send(bytes, to: base.appendingPathComponent("hook"))
        }
        #expect(delivery.succeeded)
        #expect(delivery.attempts.count == 1)
        let request = try #require(received.requests.withLock { $0.first })
        #expect(request.body == bytes, "the body is the file's bytes, unchanged")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["sentry-hook-resource"] == "event_alert")
        #expect(request.headers["request-id"] == delivery.requestID)
        let timestamp = try #require(request.headers["sentry-hook-timestamp"].flatMap(Int.init))
        #expect(abs(Double(timestamp) - Date().timeIntervalSince1970) < 600)
        let expected = Hex.encode(Digest.hmacSHA256(key: Array("s3cret".utf8), data: bytes))
        #expect(request.headers["sentry-hook-signature"] == expected)
    }

    @Test func signatureMatchesAnIndependentHMAC() async throws {
        // Python's hmac over the same bytes gives the same hex digest.
        let body = #"{"action":"triggered","data":{}}"#
        let out = try await ChildProcess.run(
            "python3",
            [
                "-c", "import hmac,hashlib,sys;print(hmac.new(b'k',sys.argv[1].encode(),hashlib.sha256).hexdigest())",
                body,
            ]
        )
        #expect(out.status == 0)
        #expect(
            WebhookSender.signature(body: Array(body.utf8), secret: "k")
                == out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        )
    }

    @Test func publishedRetriesThreeTimesOn5xx() async throws {
        let received = Received()
        let delivery = try await producer(received, statuses: [503]).withRunning { base in
            await WebhookSender(secret: "s", published: true, retryDelay: .milliseconds(10))
                .send(Array("{}".utf8), to: base.appendingPathComponent("hook"))
        }
        #expect(delivery.attempts.map(\.status) == [503, 503, 503, 503])
        #expect(!delivery.succeeded)
        #expect(received.count == 4)
        #expect(
            Set(received.requests.withLock { $0.map { $0.headers["request-id"] ?? "" } }).count == 1,
            "one Request-ID per delivery"
        )
    }

    @Test func publishedStopsAtTheFirstSuccess() async throws {
        let received = Received()
        let delivery = try await producer(received, statuses: [500, 200]).withRunning { base in
            await WebhookSender(secret: "s", published: true, retryDelay: .milliseconds(10))
                .send(Array("{}".utf8), to: base.appendingPathComponent("hook"))
        }
        #expect(delivery.attempts.map(\.status) == [500, 200])
        #expect(delivery.succeeded)
    }

    @Test func neverRetries4xxAndUnpublishedNeverRetries() async throws {
        let received = Received()
        let (refused, unpublished) = try await producer(received, statuses: [401, 502]).withRunning { base in
            let url = base.appendingPathComponent("hook")
            let refused = await WebhookSender(secret: "s", published: true, retryDelay: .milliseconds(10)).send(
                [],
                to: url
            )
            let unpublished = await WebhookSender(secret: "s").send([], to: url)
            return (refused, unpublished)
        }
        #expect(refused.attempts.map(\.status) == [401])
        #expect(unpublished.attempts.map(\.status) == [502])
    }

    @Test func timesOutAfterOneSecondAndRetriesWhenPublished() async throws {
        let received = Received()
        let delivery = try await producer(received, statuses: [200], delay: .seconds(3)).withRunning { base in
            await WebhookSender(secret: "s", published: true, retries: 1, retryDelay: .milliseconds(10))
                .send(Array("{}".utf8), to: base.appendingPathComponent("hook"))
        }
        #expect(delivery.attempts.count == 2)
        #expect(delivery.attempts.allSatisfy { $0.status == nil && $0.error != nil })
        #expect(!delivery.succeeded)
    }
}
