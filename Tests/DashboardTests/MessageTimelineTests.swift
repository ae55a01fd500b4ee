import Foundation
import Testing

@testable import Emulator

/// The SQS engine records each lifecycle point, and the control API serves it: a message received until SQS
/// moves it to the dead-letter queue, then re-driven through `POST /_devstack/sqs/queues/{dlq}/redrive`.
@Suite struct MessageTimelineTests {
    @Test func aMessageReceivedTwiceMovesToTheDLQAndIsRedrivenUnderANewId() async throws {
        let harness = try DashboardHarness()
        let dlqURL = await harness.createQueue("dlq")
        let dlqArn = "arn:aws:sqs:us-east-1:000000000000:dlq"
        let url = await harness.createQueue(
            "work",
            [
                "VisibilityTimeout": "10",
                "RedrivePolicy": #"{"deadLetterTargetArn":"\#(dlqArn)","maxReceiveCount":"2"}"#,
            ]
        )
        let sent = await harness.call(
            "AmazonSQS.SendMessage",
            ["QueueUrl": url, "MessageBody": #"{"data":{"event":{"issue_id":"4500000001"}}}"#]
        )
        let id = try #require(sent.json["MessageId"] as? String)
        for _ in 0..<3 {
            let received = await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url, "WaitTimeSeconds": 0])
            if let handle = (received.json["Messages"] as? [[String: Any]])?.first?["ReceiptHandle"] as? String {
                _ = await harness.call(
                    "AmazonSQS.ChangeMessageVisibility",
                    ["QueueUrl": url, "ReceiptHandle": handle, "VisibilityTimeout": 5]
                )
            }
            await harness.advance(6)
        }
        let timeline = await harness.admin("GET", "/_devstack/sqs/messages/\(id)/timeline")
        #expect(timeline.status == 200, "\(timeline.text)")
        let kinds = (timeline.json["events"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(
            kinds == ["sent", "received", "visibilityChanged", "received", "visibilityChanged", "movedToDLQ"],
            "\(timeline.text)"
        )
        #expect(timeline.json["issueId"] as? String == "4500000001")

        let redrive = await harness.admin("POST", "/_devstack/sqs/queues/dlq/redrive", "{}")
        #expect(redrive.status == 200, "\(redrive.text)")
        var moved = false
        for _ in 0..<200 where !moved {
            await harness.advance(1)
            let left = await harness.visibleCount(dlqURL)
            let back = await harness.visibleCount(url)
            moved = left == 0 && back == 1
            if !moved { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(moved)
        let after = await harness.admin("GET", "/_devstack/sqs/messages/\(id)/timeline")
        let ids = after.json["ids"] as? [String] ?? []
        #expect(ids.count == 2 && ids.first == id, "\(after.text)")
        let last = (after.json["events"] as? [[String: Any]])?.last
        #expect(last?["kind"] as? String == "redriven")

        let events = await harness.admin("GET", "/_devstack/events?after=0")
        let counts = events.json["counts"] as? [String: [String: Int]]
        #expect(counts?["sent"]?["work"] == 1)
        #expect(counts?["received"]?["work"] == 2)
        #expect(counts?["movedToDLQ"]?["work"] == 1)
        #expect(counts?["redriven"]?["dlq"] == 1)
        let next = events.json["next"] as? Int ?? 0
        let none = await harness.admin("GET", "/_devstack/events?after=\(next)")
        #expect((none.json["events"] as? [Any])?.isEmpty == true)
    }

    @Test func unknownMessagesAndBadQueriesAreRefused() async throws {
        let harness = try DashboardHarness()
        #expect(await harness.admin("GET", "/_devstack/sqs/messages/nope/timeline").status == 404)
        #expect(await harness.admin("GET", "/_devstack/events?after=-1").status == 400)
        #expect(await harness.admin("POST", "/_devstack/sqs/queues/nope/redrive", "{}").status == 404)
    }

    @Test func deletingAMessageIsRecorded() async throws {
        let harness = try DashboardHarness()
        let url = await harness.createQueue("work")
        _ = await harness.call("AmazonSQS.SendMessage", ["QueueUrl": url, "MessageBody": "x"])
        let received = await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url])
        let message = try #require((received.json["Messages"] as? [[String: Any]])?.first)
        _ = await harness.call(
            "AmazonSQS.DeleteMessage",
            ["QueueUrl": url, "ReceiptHandle": message["ReceiptHandle"] as? String ?? ""]
        )
        let id = message["MessageId"] as? String ?? ""
        let kinds = harness.emulator.sqs.events.history(of: id).events.map(\.kind)
        #expect(kinds == [.sent, .received, .deleted])
    }
}
