import Foundation
import Testing

@testable import Emulator

/// A restart on the same SQLite file restores queues, messages with their receive counts and visibility, and
/// secrets; deletes stay deleted.
@Suite struct DurabilityTests {
    @Test func restartRestoresEverythingAcknowledged() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        var url = ""
        var handles: [String] = []
        do {
            let harness = try EmulatorHarness(virtualClock: false, statePath: path)
            url = await harness.createQueue("q", ["VisibilityTimeout": "600"])
            _ = await harness.createQueue("f.fifo", ["FifoQueue": "true", "ContentBasedDeduplication": "true"])
            for body in ["one", "two", "three"] {
                _ = await harness.call("AmazonSQS.SendMessage", ["QueueUrl": url, "MessageBody": body])
            }
            let received = await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url, "MaxNumberOfMessages": 2])
            handles = (received.json["Messages"] as? [[String: Any]] ?? []).compactMap {
                $0["ReceiptHandle"] as? String
            }
            #expect(handles.count == 2)
            _ = await harness.call("AmazonSQS.DeleteMessage", ["QueueUrl": url, "ReceiptHandle": handles[0]])
            _ = await harness.call("AmazonSQS.TagQueue", ["QueueUrl": url, "Tags": ["team": "core"]])
            _ = await harness.call("secretsmanager.CreateSecret", ["Name": "s", "SecretString": "kept"])
        }
        let restarted = try EmulatorHarness(virtualClock: false, statePath: path)
        let attributes = await restarted.call(
            "AmazonSQS.GetQueueAttributes",
            ["QueueUrl": url, "AttributeNames": ["All"]]
        )
        let values = try #require(attributes.json["Attributes"] as? [String: String])
        #expect(values["ApproximateNumberOfMessages"] == "1")
        #expect(values["ApproximateNumberOfMessagesNotVisible"] == "1", "the in-flight message stays invisible")
        #expect(values["VisibilityTimeout"] == "600")
        let tags = await restarted.call("AmazonSQS.ListQueueTags", ["QueueUrl": url])
        #expect(tags.json["Tags"] as? [String: String] == ["team": "core"])
        let view = await restarted.admin("GET", "/_devstack/sqs/queues/q/messages")
        let counts = (view.json["messages"] as? [[String: Any]] ?? []).compactMap { $0["receiveCount"] as? Int }
            .sorted()
        #expect(counts == [0, 1])
        #expect(await restarted.call("AmazonSQS.GetQueueUrl", ["QueueName": "f.fifo"]).status == 200)
        #expect(
            await restarted.call("secretsmanager.GetSecretValue", ["SecretId": "s"]).json["SecretString"] as? String
                == "kept"
        )
        let next = await restarted.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url])
        #expect(((next.json["Messages"] as? [[String: Any]])?.first?["Body"] as? String) == "three")
        // The receipt handle given before the restart still names its message: the receive state was stored.
        let released = await restarted.call(
            "AmazonSQS.ChangeMessageVisibility",
            ["QueueUrl": url, "ReceiptHandle": handles[1], "VisibilityTimeout": 0]
        )
        #expect(released.status == 200)
        let again = await restarted.call("AmazonSQS.ReceiveMessage", ["QueueUrl": url])
        let redelivered = try #require((again.json["Messages"] as? [[String: Any]])?.first)
        #expect(redelivered["Body"] as? String == "two")
    }
}
