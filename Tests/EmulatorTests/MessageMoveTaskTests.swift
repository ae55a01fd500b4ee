import Foundation
import Testing

@testable import Emulator

/// Message move tasks are asynchronous as on AWS: the start answers at once, the task moves messages at its
/// rate (on the emulator clock or the wall clock, whichever runs further), shows progress, can be cancelled,
/// and resumes after a restart.
@Suite struct MessageMoveTaskTests {
    static let dlqArn = "arn:aws:sqs:us-east-1:000000000000:dlq"
    static let sourceArn = "arn:aws:sqs:us-east-1:000000000000:source"

    /// A DLQ holding `count` messages sent to it directly, and a source queue that dead-letters to it.
    static func dlqWithMessages(_ harness: EmulatorHarness, count: Int) async -> (dlq: String, source: String) {
        let dlq = await harness.createQueue("dlq")
        let source = await harness.createQueue(
            "source",
            ["RedrivePolicy": "{\"deadLetterTargetArn\":\"\(dlqArn)\",\"maxReceiveCount\":\"1\"}"]
        )
        for index in 0..<count {
            _ = await harness.call("AmazonSQS.SendMessage", ["QueueUrl": dlq, "MessageBody": "m\(index)"])
        }
        return (dlq, source)
    }

    @Test func aRateLimitedTaskShowsProgressAndFinishesWhenTheClockAdvances() async throws {
        let harness = try EmulatorHarness(virtualClock: true)
        let (dlq, source) = await Self.dlqWithMessages(harness, count: 30)
        let start = await harness.call(
            "AmazonSQS.StartMessageMoveTask",
            ["SourceArn": Self.dlqArn, "DestinationArn": Self.sourceArn, "MaxNumberOfMessagesPerSecond": 3]
        )
        let handle = try #require(start.json["TaskHandle"] as? String, "\(start.text)")
        let running = try #require(
            await harness.waitForMoveTask(Self.dlqArn) { ($0["ApproximateNumberOfMessagesMoved"] as? Int ?? 0) >= 3 }
        )
        #expect(running["Status"] as? String == "RUNNING", "30 messages at 3/s take ten steps")
        #expect(running["TaskHandle"] as? String == handle, "a running task shows its handle")
        #expect(running["ApproximateNumberOfMessagesToMove"] as? Int == 30)
        #expect(running["MaxNumberOfMessagesPerSecond"] as? Int == 3)
        #expect(running["DestinationArn"] as? String == Self.sourceArn)
        await harness.advance(10)
        let done = try #require(await harness.waitForMoveTask(Self.dlqArn) { $0["Status"] as? String != "RUNNING" })
        #expect(done["Status"] as? String == "COMPLETED")
        #expect(done["ApproximateNumberOfMessagesMoved"] as? Int == 30)
        #expect(done["TaskHandle"] == nil, "a finished task no longer shows its handle")
        #expect(await harness.visibleCount(source) == 30)
        #expect(await harness.visibleCount(dlq) == 0)
    }

    @Test func theDefaultRateFinishesARedriveWithoutAnyClockAdvance() async throws {
        let harness = try EmulatorHarness(virtualClock: true)
        let dlq = await harness.createQueue("dlq")
        let source = await harness.createQueue(
            "source",
            [
                "VisibilityTimeout": "0",
                "RedrivePolicy": "{\"deadLetterTargetArn\":\"\(Self.dlqArn)\",\"maxReceiveCount\":\"1\"}",
            ]
        )
        for index in 0..<3 {
            _ = await harness.call("AmazonSQS.SendMessage", ["QueueUrl": source, "MessageBody": "m\(index)"])
        }
        for _ in 0..<2 {  // the first receive delivers all three, the second dead-letters them
            _ = await harness.call("AmazonSQS.ReceiveMessage", ["QueueUrl": source, "MaxNumberOfMessages": 10])
        }
        #expect(await harness.visibleCount(dlq) == 3)
        #expect(await harness.call("AmazonSQS.StartMessageMoveTask", ["SourceArn": Self.dlqArn]).status == 200)
        let done = try #require(await harness.waitForMoveTask(Self.dlqArn) { $0["Status"] as? String != "RUNNING" })
        #expect(done["Status"] as? String == "COMPLETED")
        #expect(done["ApproximateNumberOfMessagesMoved"] as? Int == 3)
        #expect(await harness.visibleCount(source) == 3, "each message went back to the queue it came from")
    }

    @Test func cancelStopsARunningTaskAndKeepsWhatWasMoved() async throws {
        let harness = try EmulatorHarness(virtualClock: true)
        let (dlq, source) = await Self.dlqWithMessages(harness, count: 20)
        let start = await harness.call(
            "AmazonSQS.StartMessageMoveTask",
            ["SourceArn": Self.dlqArn, "DestinationArn": Self.sourceArn, "MaxNumberOfMessagesPerSecond": 1]
        )
        let handle = try #require(start.json["TaskHandle"] as? String)
        _ = try #require(
            await harness.waitForMoveTask(Self.dlqArn) { ($0["ApproximateNumberOfMessagesMoved"] as? Int ?? 0) >= 1 }
        )
        let second = await harness.call("AmazonSQS.StartMessageMoveTask", ["SourceArn": Self.dlqArn])
        #expect(second.errorType == "UnsupportedOperation", "only one active task per source: \(second.text)")
        let cancel = await harness.call("AmazonSQS.CancelMessageMoveTask", ["TaskHandle": handle])
        #expect(cancel.status == 200, "\(cancel.text)")
        #expect((cancel.json["ApproximateNumberOfMessagesMoved"] as? Int ?? 0) >= 1)
        let cancelled = try #require(
            await harness.waitForMoveTask(Self.dlqArn) { $0["Status"] as? String == "CANCELLED" }
        )
        let moved = try #require(cancelled["ApproximateNumberOfMessagesMoved"] as? Int)
        await harness.advance(60)
        #expect(await harness.visibleCount(source) == moved, "nothing moves after the cancel")
        #expect(await harness.visibleCount(dlq) == 20 - moved, "the rest stays in the DLQ")
        #expect(moved < 20)
        let again = await harness.call("AmazonSQS.CancelMessageMoveTask", ["TaskHandle": handle])
        #expect(again.errorType == "ResourceNotFoundException", "a task that is not running cannot be cancelled")
    }

    @Test func aMessageWithNowhereToGoFailsTheTaskAndStaysInTheDLQ() async throws {
        let harness = try EmulatorHarness(virtualClock: true)
        let (dlq, _) = await Self.dlqWithMessages(harness, count: 1)
        #expect(await harness.call("AmazonSQS.StartMessageMoveTask", ["SourceArn": Self.dlqArn]).status == 200)
        let failed = try #require(await harness.waitForMoveTask(Self.dlqArn) { $0["Status"] as? String != "RUNNING" })
        #expect(
            failed["Status"] as? String == "FAILED",
            "a message sent straight to the DLQ has no source to go back to"
        )
        #expect((failed["FailureReason"] as? String)?.isEmpty == false)
        #expect(await harness.visibleCount(dlq) == 1, "the message is not lost")
    }

    @Test func badStartsAreRefusedAndStartNothing() async throws {
        let harness = try EmulatorHarness(virtualClock: true)
        _ = await Self.dlqWithMessages(harness, count: 1)
        let rate = await harness.call(
            "AmazonSQS.StartMessageMoveTask",
            ["SourceArn": Self.dlqArn, "MaxNumberOfMessagesPerSecond": 501]
        )
        #expect(rate.errorType == "InvalidParameterValue")
        let missing = await harness.call(
            "AmazonSQS.StartMessageMoveTask",
            ["SourceArn": "arn:aws:sqs:us-east-1:000000000000:nope"]
        )
        #expect(missing.errorType == "ResourceNotFoundException")
        let notADLQ = await harness.call("AmazonSQS.StartMessageMoveTask", ["SourceArn": Self.sourceArn])
        #expect(notADLQ.errorType == "InvalidParameterValue", "the source must be some queue's DLQ")
        let list = await harness.call("AmazonSQS.ListMessageMoveTasks", ["SourceArn": Self.dlqArn])
        #expect((list.json["Results"] as? [Any])?.isEmpty == true, "\(list.text)")
    }

    @Test func aRunningTaskResumesAfterARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-move-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        var urls: (dlq: String, source: String) = ("", "")
        do {
            let harness = try EmulatorHarness(virtualClock: true, statePath: path)
            urls = await Self.dlqWithMessages(harness, count: 4)
            let start = await harness.call(
                "AmazonSQS.StartMessageMoveTask",
                ["SourceArn": Self.dlqArn, "DestinationArn": Self.sourceArn, "MaxNumberOfMessagesPerSecond": 1]
            )
            #expect(start.status == 200, "\(start.text)")
            _ = try #require(
                await harness.waitForMoveTask(Self.dlqArn) {
                    ($0["ApproximateNumberOfMessagesMoved"] as? Int ?? 0) >= 1
                }
            )
            harness.emulator.sqs.stopMoveTasks()  // as a crash would: the task is RUNNING in the file
        }
        let restarted = try EmulatorHarness(virtualClock: true, statePath: path)
        let resumed = try #require(await restarted.waitForMoveTask(Self.dlqArn) { _ in true })
        #expect(["RUNNING", "COMPLETED"].contains(resumed["Status"] as? String ?? ""), "the task survived the restart")
        #expect(
            await restarted.call("AmazonSQS.CancelMessageMoveTask", ["TaskHandle": "nope"]).errorType
                == "ResourceNotFoundException"
        )
        await restarted.advance(30)
        let done = try #require(await restarted.waitForMoveTask(Self.dlqArn) { $0["Status"] as? String != "RUNNING" })
        #expect(done["Status"] as? String == "COMPLETED")
        #expect(done["ApproximateNumberOfMessagesMoved"] as? Int == 4)
        #expect(await restarted.visibleCount(urls.source) == 4, "every message arrived exactly once")
        #expect(await restarted.visibleCount(urls.dlq) == 0)
    }

    @Test func deletingTheDLQStopsItsTaskAndARecreatedQueueHasNone() async throws {
        let harness = try EmulatorHarness(virtualClock: true)
        let (dlq, source) = await Self.dlqWithMessages(harness, count: 20)
        let start = await harness.call(
            "AmazonSQS.StartMessageMoveTask",
            ["SourceArn": Self.dlqArn, "DestinationArn": Self.sourceArn, "MaxNumberOfMessagesPerSecond": 1]
        )
        #expect(start.status == 200, "\(start.text)")
        _ = try #require(
            await harness.waitForMoveTask(Self.dlqArn) { ($0["ApproximateNumberOfMessagesMoved"] as? Int ?? 0) >= 1 }
        )
        #expect(await harness.call("AmazonSQS.DeleteQueue", ["QueueUrl": dlq]).status == 200)
        _ = await harness.createQueue("dlq")
        let list = await harness.call("AmazonSQS.ListMessageMoveTasks", ["SourceArn": Self.dlqArn])
        #expect((list.json["Results"] as? [Any])?.isEmpty == true, "\(list.text)")
        let moved = await harness.visibleCount(source) ?? -1
        await harness.advance(60)
        #expect(await harness.visibleCount(source) == moved, "nothing moves once the task is gone")
        #expect(await harness.visibleCount(dlq) == 0)
    }
}
