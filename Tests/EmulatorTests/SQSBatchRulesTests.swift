import Foundation
import Testing

@testable import Emulator

/// The rules all three batch operations share — entry ids, their number, their distinctness, the total size —
/// in the JSON protocol and the query protocol, whose entries are numbered parameters.
@Suite struct SQSBatchRulesTests {
    static let operations = ["SendMessageBatch", "DeleteMessageBatch", "ChangeMessageVisibilityBatch"]

    static func entry(_ operation: String, id: String) -> [String: Any] {
        switch operation {
        case "SendMessageBatch": ["Id": id, "MessageBody": "body \(id)"]
        case "DeleteMessageBatch": ["Id": id, "ReceiptHandle": "handle"]
        default: ["Id": id, "ReceiptHandle": "handle", "VisibilityTimeout": 0]
        }
    }

    @Test(arguments: operations)
    func everyBatchOperationKeepsTheEntryRules(operation: String) async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("batch")
        func batch(_ entries: [[String: Any]]) async -> EmulatorHarness.Answer {
            await harness.call("AmazonSQS.\(operation)", ["QueueUrl": url, "Entries": entries])
        }
        let entryName = "\(operation)RequestEntry"
        let empty = await batch([])
        #expect(empty.errorType == "EmptyBatchRequest")
        #expect(empty.header("x-amzn-query-error") == "AWS.SimpleQueueService.EmptyBatchRequest;Sender")
        #expect(empty.json["message"] as? String == "There should be at least one \(entryName) in the request.")
        let eleven = await batch((1...11).map { Self.entry(operation, id: "e\($0)") })
        #expect(eleven.errorType == "TooManyEntriesInBatchRequest")
        #expect(eleven.header("x-amzn-query-error") == "AWS.SimpleQueueService.TooManyEntriesInBatchRequest;Sender")
        #expect(eleven.json["message"] as? String == "Maximum number of entries per request are 10. You have sent 11.")
        for bad in [String(repeating: "a", count: 81), "a.b", "", "naïve", "a b"] {
            let answer = await batch([Self.entry(operation, id: bad)])
            #expect(answer.errorType == "InvalidBatchEntryId", "\(bad): \(answer.text)")
            #expect(answer.header("x-amzn-query-error") == "AWS.SimpleQueueService.InvalidBatchEntryId;Sender")
        }
        let longest = await batch([Self.entry(operation, id: String(repeating: "A-_9", count: 20))])
        #expect(longest.status == 200, "80 characters of alphanumerics, - and _ are an id: \(longest.text)")
        let twice = await batch([Self.entry(operation, id: "same"), Self.entry(operation, id: "same")])
        #expect(twice.errorType == "BatchEntryIdsNotDistinct")
        #expect(twice.header("x-amzn-query-error") == "AWS.SimpleQueueService.BatchEntryIdsNotDistinct;Sender")
        #expect(twice.json["message"] as? String == "Id same repeated.")
    }

    @Test func aSendBatchLongerThanTheQueuesLimitIsRefusedWhole() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("small", ["MaximumMessageSize": "1024"])
        let half = String(repeating: "x", count: 600)
        let answer = await harness.call(
            "AmazonSQS.SendMessageBatch",
            ["QueueUrl": url, "Entries": [["Id": "a", "MessageBody": half], ["Id": "b", "MessageBody": half]]]
        )
        #expect(answer.errorType == "BatchRequestTooLong")
        #expect(answer.header("x-amzn-query-error") == "AWS.SimpleQueueService.BatchRequestTooLong;Sender")
        #expect(
            answer.json["message"] as? String
                == "Batch requests cannot be longer than 1024 bytes. You have sent 1200 bytes."
        )
        let depth = await harness.call(
            "AmazonSQS.GetQueueAttributes",
            ["QueueUrl": url, "AttributeNames": ["ApproximateNumberOfMessages"]]
        )
        #expect((depth.json["Attributes"] as? [String: String])?["ApproximateNumberOfMessages"] == "0")
    }

    @Test func queryProtocolBatchErrorsCarryTheLegacyCodes() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("xml-batch")
        let twice = await harness.query([
            ("Action", "DeleteMessageBatch"), ("QueueUrl", url), ("DeleteMessageBatchRequestEntry.1.Id", "x"),
            ("DeleteMessageBatchRequestEntry.1.ReceiptHandle", "h"), ("DeleteMessageBatchRequestEntry.2.Id", "x"),
            ("DeleteMessageBatchRequestEntry.2.ReceiptHandle", "h"),
        ])
        #expect(twice.status == 400)
        #expect(twice.text.contains("<Code>AWS.SimpleQueueService.BatchEntryIdsNotDistinct</Code>"), "\(twice.text)")
        let none = await harness.query([("Action", "ChangeMessageVisibilityBatch"), ("QueueUrl", url)])
        #expect(none.text.contains("<Code>AWS.SimpleQueueService.EmptyBatchRequest</Code>"), "\(none.text)")
        let badID = await harness.query([
            ("Action", "SendMessageBatch"), ("QueueUrl", url), ("SendMessageBatchRequestEntry.1.Id", "a.b"),
            ("SendMessageBatchRequestEntry.1.MessageBody", "m"),
        ])
        #expect(badID.text.contains("<Code>AWS.SimpleQueueService.InvalidBatchEntryId</Code>"), "\(badID.text)")
    }

    @Test(arguments: ["0", "x", "01", "-1", ""])
    func aQueryBatchEntryIndexThatIsNoWholeNumberFromOneIsRefused(index: String) async throws {
        // Before, index 0 and 01 were read as entries and x, -1 and "" quietly dropped.
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("indexes")
        let answer = await harness.query([
            ("Action", "SendMessageBatch"), ("QueueUrl", url), ("SendMessageBatchRequestEntry.1.Id", "one"),
            ("SendMessageBatchRequestEntry.1.MessageBody", "first"), ("SendMessageBatchRequestEntry.\(index).Id", "z"),
            ("SendMessageBatchRequestEntry.\(index).MessageBody", "odd"),
        ])
        #expect(answer.status == 400 && answer.text.contains("<Code>MalformedQueryString</Code>"), "\(answer.text)")
        let depth = await harness.call(
            "AmazonSQS.GetQueueAttributes",
            ["QueueUrl": url, "AttributeNames": ["ApproximateNumberOfMessages"]]
        )
        #expect((depth.json["Attributes"] as? [String: String])?["ApproximateNumberOfMessages"] == "0")
    }

    @Test func queryBatchEntriesWithAGapAreTakenInIndexOrder() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("gaps")
        let answer = await harness.query([
            ("Action", "SendMessageBatch"), ("QueueUrl", url), ("SendMessageBatchRequestEntry.3.Id", "third"),
            ("SendMessageBatchRequestEntry.3.MessageBody", "c"), ("SendMessageBatchRequestEntry.1.Id", "first"),
            ("SendMessageBatchRequestEntry.1.MessageBody", "a"),
        ])
        #expect(answer.status == 200, "\(answer.text)")
        let ids = answer.text.components(separatedBy: "<Id>").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(ids == ["first", "third"])
    }
}
