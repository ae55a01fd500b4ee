import AWSClient
import Foundation
import Hashing
import Testing

@testable import Harness

/// Reading what an on-call engineer has: receive-message dumps, bare arrays, producer replay lines — and clear
/// errors naming the file for everything else.
@Suite("ReplayFile")
struct ReplayFileTests {
    static let dump = #"""
        {
            "Messages": [
                {
                    "MessageId": "5fea7756-0ea4-451a-a703-a558b933e274",
                    "ReceiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
                    "MD5OfBody": "fafb00f5732ab283681e124bf8747ed1",
                    "Body": "{\"action\":\"triggered\",\"data\":{}}",
                    "Attributes": {
                        "SenderId": "AIDASSYFHUBOBT7F4XT75",
                        "ApproximateFirstReceiveTimestamp": "1732870000000",
                        "ApproximateReceiveCount": "10",
                        "SentTimestamp": "1732869000000",
                        "AWSTraceHeader": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
                        "DeadLetterQueueSourceArn": "arn:aws:sqs:us-east-1:123456789012:sentry-asana-message-queue"
                    },
                    "MD5OfMessageAttributes": "00484c68...59e48fb7",
                    "MessageAttributes": {
                        "resource": {"StringValue": "event_alert", "StringListValues": [], "BinaryListValues": [], "DataType": "String"},
                        "attempt": {"StringValue": "3", "DataType": "Number.int"},
                        "blob": {"BinaryValue": "AAEC/w==", "DataType": "Binary"}
                    }
                }
            ]
        }
        """#

    @Test("receive-message output: body, every attribute type, restorable and lost system attributes")
    func receiveMessageDump() throws {
        let messages = try ReplayFile.load(Data(Self.dump.utf8), file: "dlq.json")
        let message = try #require(messages.first)
        #expect(messages.count == 1)
        #expect(message.body == #"{"action":"triggered","data":{}}"#)
        #expect(message.attributes["resource"] == .string("event_alert"))
        #expect(message.attributes["attempt"] == SQSMessageAttributeValue(dataType: "Number.int", stringValue: "3"))
        #expect(message.attributes["blob"] == .binary(Data([0, 1, 2, 255])))
        #expect(message.systemAttributes["AWSTraceHeader"]?.stringValue?.hasPrefix("Root=1-5759e988") == true)
        #expect(message.unrestorable["ApproximateReceiveCount"] == "10")
        #expect(message.unrestorable["DeadLetterQueueSourceArn"] != nil)
        #expect(message.unrestorable["AWSTraceHeader"] == nil)
        #expect(message.originalMessageID == "5fea7756-0ea4-451a-a703-a558b933e274")
        #expect(message.source == "dlq.json: message 1 (id 5fea7756-0ea4-451a-a703-a558b933e274)")
        #expect(message.delivery == nil)
        // The MD5OfBody above is not the body's: the body was edited, which is allowed but noted.
        #expect(message.notes.contains { $0.contains("MD5OfBody") })
    }

    @Test("a bare [Message…] array and a single message object are read too; order is kept")
    func arrayAndSingleObject() throws {
        let array =
            #"[{"MessageId":"a","Body":"first"},{"MessageId":"b","Body":"second","MD5OfBody":"\#(Hex.encode(Digest.md5(Array("second".utf8))))"}]"#
        let messages = try ReplayFile.load(Data(array.utf8), file: "a.json")
        #expect(messages.map(\.body) == ["first", "second"])
        #expect(messages[1].notes.isEmpty)
        let single = try ReplayFile.load(Data(#"{"MessageId":"x","Body":"only"}"#.utf8))
        #expect(single.map(\.body) == ["only"])
        #expect(single[0].source == "input: message 1 (id x)")
    }

    @Test("several files are read in order; the first bad one names itself")
    func severalFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = folder.appendingPathComponent("one.json").path
        let two = folder.appendingPathComponent("two.json").path
        let bad = folder.appendingPathComponent("bad.json").path
        try Data(#"{"Messages":[{"Body":"1"}]}"#.utf8).write(to: URL(fileURLWithPath: one))
        try Data(#"[{"Body":"2"},{"Body":"3"}]"#.utf8).write(to: URL(fileURLWithPath: two))
        try Data(#"{"QueueUrls":[]}"#.utf8).write(to: URL(fileURLWithPath: bad))
        #expect(try ReplayFile.load(files: [one, two]).map(\.body) == ["1", "2", "3"])
        let error = try #require(throws: ReplayError.self) { try ReplayFile.load(files: [one, bad]) }
        #expect(error.code == .unrecognised && error.file == bad)
        #expect(error.description.contains("QueueUrls") && error.description.contains("receive-message"))
        let missing = try #require(throws: ReplayError.self) {
            try ReplayFile.load(files: [folder.appendingPathComponent("nope").path])
        }
        #expect(missing.code == .unreadable)
    }

    /// A replay line exactly as the producer's `JSONLogHandler` writes it.
    static func replayLine(body: String, sha: String? = nil, prefix: String = "") throws -> String {
        let raw = Array(body.utf8)
        let object: [String: Any] = [
            "level": "error", "message": "webhook not enqueued; replay it from this line", "logger": "producer",
            "time": "2026-11-29T09:00:00.000Z", "step": "replay", "reason": "enqueue failed: throttled",
            "request_id": "lambda-req-1", "sentry_request_id": "sentry-req-9", "resource": "event_alert",
            "replay": [
                "headers": [
                    "sentry-hook-resource": "event_alert", "request-id": "sentry-req-9",
                    "sentry-hook-timestamp": "1732870000", "sentry-hook-signature": "deadbeef",
                    "content-type": "application/json",
                ],
                "body_base64": Data(raw).base64EncodedString(),
                "body_sha256": sha ?? Hex.encode(Digest.sha256(raw)),
            ],
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return prefix + String(decoding: data, as: UTF8.self)
    }

    @Test("the producer's replay line: raw body, the producer's attributes, the delivery kept for the webhook")
    func producerReplayLine() throws {
        let body = #"{"action":"triggered","data":{"event":{"issue_id":"42"}}}"#
        let log = [
            #"{"level":"info","message":"enqueued a webhook","message_id":"m-1"}"#,
            "not json at all",
            try Self.replayLine(body: body, prefix: "2026-11-29T09:00:00Z\t"),
        ].joined(separator: "\n")
        let messages = try ReplayFile.load(Data(log.utf8), file: "producer.log")
        let message = try #require(messages.first)
        #expect(messages.count == 1)
        #expect(message.body == body)
        #expect(
            message.attributes == [
                "resource": .string("event_alert"), "alert_type": .string("triggered"),
                "request_id": .string("sentry-req-9"), "hook_timestamp": .string("1732870000"),
            ]
        )
        #expect(message.delivery?.rawBody == Array(body.utf8))
        #expect(message.delivery?.headers["sentry-hook-signature"] == "deadbeef")
        #expect(message.source == "producer.log: line 3 (Sentry request sentry-req-9)")
        #expect(message.notes == ["the producer logged: enqueue failed: throttled"])
    }

    @Test("replay lines inside `aws logs filter-log-events --output json` are read")
    func filterLogEvents() throws {
        let line = try Self.replayLine(body: #"{"action":"resolved"}"#)
        let wrapper: [String: Any] = [
            "events": [["message": "START RequestId: x"], ["message": line]], "searchedLogStreams": [],
        ]
        let messages = try ReplayFile.load(try JSONSerialization.data(withJSONObject: wrapper), file: "events.json")
        #expect(messages.map(\.body) == [#"{"action":"resolved"}"#])
    }

    @Test("a replay line whose body does not match its sha256 is refused (a cut or edited line)")
    func replayLineChecksum() throws {
        let line = try Self.replayLine(body: "{}", sha: String(repeating: "0", count: 64))
        let error = try #require(throws: ReplayError.self) { try ReplayFile.load(Data(line.utf8), file: "cut.log") }
        #expect(error.code == .invalidLogLine && error.file == "cut.log")
        #expect(error.description.contains("body_sha256"))
    }

    @Test(
        "anything else is a typed error naming the file and what was expected",
        arguments: [
            ("", ReplayError.Code.noMessages),
            ("   \n", .noMessages),
            ("{}", .noMessages),
            (#"{"Messages":[]}"#, .noMessages),
            ("[]", .noMessages),
            ("hello\nworld", .unrecognised),
            (#"{"level":"info","message":"nothing to replay"}"#, .unrecognised),
            ("42", .unrecognised),
            ("[1,2]", .unrecognised),
            (#"{"Messages":"x"}"#, .invalidMessage),
            (#"{"Messages":[{"MessageId":"m"}]}"#, .invalidMessage),
            (#"{"Messages":[{"Body":"b","MessageAttributes":{"a":{"StringValue":"v"}}}]}"#, .invalidAttribute),
            (#"{"Messages":[{"Body":"b","MessageAttributes":{"a":{"DataType":"String"}}}]}"#, .invalidAttribute),
            (
                #"{"Messages":[{"Body":"b","MessageAttributes":{"a":{"DataType":"Binary","BinaryValue":"%%%"}}}]}"#,
                .invalidAttribute
            ),
            (
                #"{"Messages":[{"Body":"b","MessageAttributes":{"a":{"DataType":"Date","StringValue":"x"}}}]}"#,
                .invalidAttribute
            ),
            (
                #"{"Messages":[{"Body":"b","MessageAttributes":{"a":{"DataType":"String","StringValue":"x","StringListValues":["y"]}}}]}"#,
                .invalidAttribute
            ),
            (#"{"replay":{"headers":{}}}"#, .invalidLogLine),
            (#"{"replay":{"body_base64":"***"}}"#, .invalidLogLine),
        ]
    )
    func badInput(input: String, code: ReplayError.Code) {
        do throws(ReplayError) {
            let messages = try ReplayFile.load(Data(input.utf8), file: "bad.json")
            Issue.record("expected \(code) for \(input), got \(messages.count) message(s)")
        } catch {
            #expect(error.code == code, "\(input): \(error)")
            #expect(error.file == "bad.json")
            #expect(error.description.hasPrefix("bad.json: "))
        }
    }

    @Test("a replay line whose body SQS cannot carry as text is enqueued as the producer would: base64, flagged")
    func producerReplayLineWithABodySQSRefuses() throws {
        let body = #"{"action":"triggered","data":{"event":{"issue_id":"42","title":"\#u{FFFE}"}}}"#
        let message = try #require(try ReplayFile.load(Data(try Self.replayLine(body: body).utf8), file: "p.log").first)
        #expect(message.attributes["body_encoding"] == .string("base64"))
        #expect(message.attributes["resource"] == .string("event_alert"))
        #expect(Data(base64Encoded: message.body) == Data(body.utf8))
        #expect(message.delivery?.rawBody == Array(body.utf8), "the webhook replay still sends the raw bytes")
        #expect(message.notes.contains { $0.contains("body_encoding=base64") })
    }

    @Test("devstack dlq list --json output is read back (attributes in devstack's lower-case form)")
    func devstackListing() throws {
        let listing = #"""
            {"queue":"sentry-asana-message-queue-dlq","messages":[{"messageId":"m1","body":"b1","receiveCount":3,"sentTimestamp":1,"state":"visible",
             "messageAttributes":{"DeadLetterReason":{"dataType":"String","stringValue":"not an event_alert"},"bin":{"dataType":"Binary","binaryValue":"AQI="}}}]}
            """#
        let messages = try ReplayFile.load(Data(listing.utf8), file: "dlq-list.json")
        #expect(messages.map(\.body) == ["b1"])
        #expect(messages[0].attributes["DeadLetterReason"] == .string("not an event_alert"))
        #expect(messages[0].attributes["bin"] == .binary(Data([1, 2])))
        #expect(messages[0].unrestorable["ApproximateReceiveCount"] == "3")
    }
}
