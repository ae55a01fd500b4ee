import AWSClient
import Foundation
import HTTPTypes
import Hashing
import Hummingbird
import Stubs
import Synchronization
import TestSupport
import Testing

@testable import Harness

/// Replay through a real emulator: a message dumped with the real AWS CLI goes back in with SendMessage, body
/// and attributes intact; a producer replay line goes to the queue or, re-signed, to a webhook URL.
@Suite("Replay end to end")
struct ReplayEndToEndTests {
    static let cliEnvironment = [
        "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_PAGER": "",
    ]

    @Test("aws sqs receive-message dump → ReplayFile → SendMessage → the same body, attributes and trace header")
    func dumpWithTheAWSCLIAndReplay() async throws {
        try await withLocalEmulator { local in
            let production = try await local.createQueue("production-dlq")
            let target = try await local.createQueue("sentry-asana-message-queue")
            let body = #"{"action":"triggered","data":{"event":{"title":"Ünïcode ✓ & <xml>"}}}"#
            let attributes: [String: SQSMessageAttributeValue] = [
                "DeadLetterReason": .string("Asana answered 500"), "OriginalReceiveCount": .number("10"),
                "blob": .binary(Data([0, 1, 2, 250, 255])),
                "labelled": SQSMessageAttributeValue(dataType: "String.team", stringValue: "core"),
            ]
            let trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
            let original = try await local.sqs.sendMessage(
                queueURL: production,
                body: body,
                attributes: attributes,
                systemAttributes: SQSClient.traceHeader(trace),
                deadline: AWSDeadline.after(.seconds(10))
            )

            let dump = try await ChildProcess.run(
                "aws",
                [
                    "--endpoint-url", local.endpoint.absoluteString, "--output", "json", "sqs", "receive-message",
                    "--queue-url", production, "--attribute-names", "All", "--message-attribute-names", "All",
                    "--message-system-attribute-names", "All", "--max-number-of-messages", "10",
                ],
                environment: Self.cliEnvironment,
                timeout: 60
            )
            #expect(dump.status == 0, "\(dump.stderr)")

            let messages = try ReplayFile.load(Data(dump.stdout.utf8), file: "dlq-dump.json")
            #expect(messages.count == 1)
            #expect(messages.first?.originalMessageID == original.messageID)
            #expect(messages.first?.unrestorable["ApproximateReceiveCount"] == "1")
            let ids = try await Replayer(sqs: local.sqs).push(messages, queueURL: target)
            #expect(ids.count == 1 && ids.first != original.messageID)

            let received = try await local.receive(target)
            let message = try #require(received.first)
            #expect(received.count == 1)
            #expect(message.messageID == ids.first)
            #expect(message.body == body)
            #expect(message.messageAttributes == attributes)
            #expect(message.attributes["AWSTraceHeader"] == trace)
            #expect(message.attributes["ApproximateReceiveCount"] == "1", "a replayed message starts again")
        }
    }

    @Test("a producer replay line goes to the queue with the attributes the producer would have set")
    func replayLineToQueue() async throws {
        try await withLocalEmulator { local in
            let target = try await local.createQueue("sentry-asana-message-queue")
            let body = #"{"action":"triggered","data":{}}"#
            let line = try ReplayFileTests.replayLine(body: body)
            let messages = try ReplayFile.load(Data(line.utf8), file: "producer.log")
            let replayer = Replayer(sqs: local.sqs)
            #expect(try await replayer.queueURL(named: "sentry-asana-message-queue") == target)
            let ids = try await replayer.push(messages, queueURL: target)
            let message = try #require(try await local.receive(target).first)
            #expect(message.messageID == ids.first)
            #expect(message.body == body)
            #expect(message.messageAttributes["alert_type"] == .string("triggered"))
            #expect(message.messageAttributes["request_id"] == .string("sentry-req-9"))
            #expect(message.messageAttributes["resource"] == .string("event_alert"))
        }
    }

    @Test("a refused SendMessage names the message and what was already sent; nothing is silently dropped")
    func sendFailure() async throws {
        try await withLocalEmulator { local in
            let target = try await local.createQueue("sentry-asana-message-queue")
            let good = ReplayMessage(body: "ok", source: "f.json: message 1")
            let refused = ReplayMessage(body: "bad \u{0}", source: "f.json: message 2")  // NUL is not allowed by SQS
            let error = try await #require(throws: ReplayError.self) {
                try await Replayer(sqs: local.sqs).push([good, refused, good], queueURL: target)
            }
            #expect(error.code == .sendFailed && error.file == "f.json: message 2")
            #expect(error.message.contains("SendMessage 2 of 3"))
            let sent = try await local.receive(target)
            #expect(sent.map(\.body) == ["ok"])
            #expect(error.message.contains(sent[0].messageID))
            await #expect(throws: (any Error).self) {
                try await Replayer(sqs: local.sqs).queueURL(named: "no-such-queue")
            }
        }
    }

    /// What the fake webhook endpoint received.
    final class Captured: Sendable {
        let request = Mutex<(headers: [String: String], body: [UInt8])?>(nil)
    }

    @Test("--webhook: the raw body and Sentry's headers as logged, the signature made again with the local secret")
    func replayLineThroughTheWebhook() async throws {
        let captured = Captured()
        let router = Router()
        router.post("/") { request, _ -> Response in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let body = try await request.body.collect(upTo: 1 << 20)
            captured.request.withLock { $0 = (headers, Array(String(buffer: body).utf8)) }
            return Response(status: .ok, body: .init(byteBuffer: .init(string: #"{"status":"queued"}"#)))
        }
        try await withTestServer(router) { url in
            let body = #"{"action":"triggered","data":{"event":{"title":"x"}}}"#
            let message = try #require(
                try ReplayFile.load(Data(try ReplayFileTests.replayLine(body: body).utf8), file: "p.log").first
            )
            let delivery = try #require(message.delivery)

            let answer = try await WebhookReplayer(secret: "local-secret").deliver(
                delivery,
                to: url,
                source: message.source
            )
            #expect(answer.status == 200 && answer.body.contains("queued"))
            let resigned = try #require(captured.request.withLock { $0 })
            #expect(resigned.body == Array(body.utf8))
            #expect(
                resigned.headers["sentry-hook-signature"]
                    == WebhookSender.signature(body: Array(body.utf8), secret: "local-secret")
            )
            #expect(resigned.headers["request-id"] == "sentry-req-9")
            #expect(resigned.headers["sentry-hook-resource"] == "event_alert")
            #expect(resigned.headers["sentry-hook-timestamp"] == "1732870000")

            _ = try await WebhookReplayer(secret: nil).deliver(delivery, to: url, source: message.source)
            let asLogged = try #require(captured.request.withLock { $0 })
            #expect(
                asLogged.headers["sentry-hook-signature"] == "deadbeef",
                "without a secret the logged signature is sent"
            )
        }
        let nobody = try #require(URL(string: "http://127.0.0.1:1/"))
        let error = try await #require(throws: ReplayError.self) {
            try await WebhookReplayer(secret: nil, timeout: .seconds(2)).deliver(
                ReplayDelivery(headers: [:], rawBody: []),
                to: nobody,
                source: "x.log"
            )
        }
        #expect(error.code == .deliveryFailed)
    }
}
