import Foundation
import Synchronization
import Testing

import enum AWSClient.SQSChecksum
import struct AWSClient.SQSMessageAttributeValue

@testable import Emulator

/// The queue state machine alone: no server, no clock, no store. Times are milliseconds chosen by the test.
@Suite struct SQSQueueTests {
    static func queue(_ name: String = "q", attributes: [String: String] = [:]) -> SQSQueue {
        SQSQueue(name: name, attributes: attributes, now: 0)
    }

    static func send(
        _ queue: inout SQSQueue,
        _ body: String,
        at now: Int64,
        id: String? = nil,
        group: String? = nil,
        dedup: String? = nil,
        delay: Int? = nil
    ) -> SQSQueue.SendOutcome {
        queue.send(
            .init(body: body, delaySeconds: delay, groupID: group, deduplicationID: dedup, senderID: "test"),
            id: id ?? UUIDs.next(),
            now: now
        )
    }

    /// Distinct message ids for tests that run in parallel: the counter is atomic, so no two tests draw the same id.
    enum UUIDs {
        static let counter = Atomic<Int>(0)
        static func next() -> String {
            let value = counter.add(1, ordering: .relaxed).newValue
            return "00000000-0000-0000-0000-"
                + String(String(value).reversed()).padding(toLength: 12, withPad: "0", startingAt: 0)
        }
    }

    @Test func receivedMessageIsInvisibleUntilItsTimeoutEnds() {
        var queue = Self.queue()
        _ = Self.send(&queue, "a", at: 1_000)
        let first = queue.receive(maxMessages: 10, visibilityTimeout: 30, now: 1_000, maxReceiveCount: nil)
        #expect(first.delivered.map(\.body) == ["a"])
        #expect(first.delivered[0].receiveCount == 1)
        #expect(first.delivered[0].firstReceiveAt == 1_000)
        #expect(
            queue.receive(maxMessages: 10, visibilityTimeout: 30, now: 30_999, maxReceiveCount: nil).delivered.isEmpty
        )
        let second = queue.receive(maxMessages: 10, visibilityTimeout: 30, now: 31_000, maxReceiveCount: nil)
        #expect(second.delivered.map(\.receiveCount) == [2])
        #expect(second.delivered[0].firstReceiveAt == 1_000, "the first receive time never changes")
        #expect(
            second.delivered[0].receiptHandle != first.delivered[0].receiptHandle,
            "every receive gets a new handle"
        )
    }

    @Test func delayedMessageWaitsAndCountsAsDelayed() {
        var queue = Self.queue()
        _ = Self.send(&queue, "late", at: 0, delay: 10)
        #expect(queue.counts(now: 5_000).delayed == 1)
        #expect(
            queue.receive(maxMessages: 1, visibilityTimeout: 30, now: 9_999, maxReceiveCount: nil).delivered.isEmpty
        )
        #expect(
            queue.receive(maxMessages: 1, visibilityTimeout: 30, now: 10_000, maxReceiveCount: nil).delivered.count == 1
        )
        #expect(queue.counts(now: 10_000).notVisible == 1)
    }

    @Test func receiveReturnsOldestFirstAndAtMostTheMaximum() {
        var queue = Self.queue()
        for index in 0..<15 { _ = Self.send(&queue, "m\(index)", at: Int64(index)) }
        let batch = queue.receive(maxMessages: 10, visibilityTimeout: 30, now: 100, maxReceiveCount: nil)
        #expect(batch.delivered.map(\.body) == (0..<10).map { "m\($0)" })
        #expect(queue.counts(now: 100) == (5, 10, 0))
    }

    @Test func deleteWithAStaleHandleStillDeletesOnAStandardQueue() throws {
        var queue = Self.queue()
        _ = Self.send(&queue, "a", at: 0)
        let first = queue.receive(maxMessages: 1, visibilityTimeout: 1, now: 0, maxReceiveCount: nil).delivered[0]
        _ = queue.receive(maxMessages: 1, visibilityTimeout: 1, now: 1_000, maxReceiveCount: nil)
        #expect(try queue.delete(receiptHandle: first.receiptHandle!, now: 1_500) == first.id)
        #expect(queue.messages.isEmpty)
        #expect(
            try queue.delete(receiptHandle: first.receiptHandle!, now: 1_600) == nil,
            "deleting twice succeeds quietly"
        )
    }

    @Test func malformedReceiptHandleIsRejected() {
        var queue = Self.queue()
        #expect(throws: AWSError.self) { try queue.delete(receiptHandle: "not-a-handle", now: 0) }
        do throws(AWSError) {
            _ = try queue.delete(receiptHandle: "garbage", now: 0)
        } catch {
            #expect(error.code == "ReceiptHandleIsInvalid")
        }
    }

    @Test func changeVisibilityNeedsTheLatestHandleOfAnInFlightMessage() throws {
        var queue = Self.queue()
        _ = Self.send(&queue, "a", at: 0)
        let first = queue.receive(maxMessages: 1, visibilityTimeout: 5, now: 0, maxReceiveCount: nil).delivered[0]
        _ = try queue.changeVisibility(receiptHandle: first.receiptHandle!, timeout: 60, now: 1_000)
        #expect(
            queue.receive(maxMessages: 1, visibilityTimeout: 5, now: 60_999, maxReceiveCount: nil).delivered.isEmpty
        )
        let second = queue.receive(maxMessages: 1, visibilityTimeout: 5, now: 61_000, maxReceiveCount: nil).delivered[0]
        do throws(AWSError) {
            _ = try queue.changeVisibility(receiptHandle: first.receiptHandle!, timeout: 0, now: 62_000)
            Issue.record("a stale handle must not change visibility")
        } catch {
            #expect(error.code == "InvalidParameterValue")
        }
        do throws(AWSError) {
            _ = try queue.changeVisibility(receiptHandle: second.receiptHandle!, timeout: 0, now: 70_000)
            Issue.record("a message whose timeout is over is not in flight")
        } catch {
            #expect(error.code == "MessageNotInflight")
        }
        _ = try queue.changeVisibility(receiptHandle: second.receiptHandle!, timeout: 0, now: 62_000)
        #expect(
            queue.receive(maxMessages: 1, visibilityTimeout: 5, now: 62_000, maxReceiveCount: nil).delivered.count == 1
        )
    }

    @Test func messageIsDeadLetteredOnTheReceiveAfterItsLastAllowedDelivery() {
        var queue = Self.queue()
        _ = Self.send(&queue, "poison", at: 0)
        var deliveries = 0
        var now: Int64 = 0
        var deadLettered: [SQSStoredMessage] = []
        for _ in 0..<20 {
            let outcome = queue.receive(maxMessages: 1, visibilityTimeout: 120, now: now, maxReceiveCount: 10)
            deliveries += outcome.delivered.count
            deadLettered += outcome.deadLettered
            if !deadLettered.isEmpty { break }
            now += 120_000
        }
        #expect(deliveries == 10, "maxReceiveCount 10 means exactly 10 deliveries")
        #expect(deadLettered.count == 1)
        #expect(deadLettered.first?.receiveCount == 10)
        #expect(deadLettered.first?.sentAt == 0)
        #expect(queue.messages.isEmpty)
    }

    @Test func admittedDeadLetterKeepsIdentityAndGainsSource() {
        var source = Self.queue("src")
        _ = Self.send(&source, "x", at: 7)
        let message = source.receive(maxMessages: 1, visibilityTimeout: 0, now: 8, maxReceiveCount: nil).delivered[0]
        var dlq = Self.queue("dlq")
        let moved = dlq.admit(message, deadLetterSourceArn: "arn:aws:sqs:us-east-1:000000000000:src", now: 100)
        #expect(moved.id == message.id)
        #expect(moved.receiveCount == 1)
        #expect(moved.sentAt == 7)
        #expect(moved.deadLetterSourceArn == "arn:aws:sqs:us-east-1:000000000000:src")
        #expect(dlq.receive(maxMessages: 1, visibilityTimeout: 30, now: 100, maxReceiveCount: nil).delivered.count == 1)
    }

    @Test func retentionDropsOldMessages() {
        var queue = Self.queue(attributes: ["MessageRetentionPeriod": "60"])
        _ = Self.send(&queue, "old", at: 0)
        _ = Self.send(&queue, "new", at: 30_000)
        let outcome = queue.receive(maxMessages: 10, visibilityTimeout: 30, now: 60_000, maxReceiveCount: nil)
        #expect(outcome.expired.count == 1)
        #expect(outcome.delivered.map(\.body) == ["new"])
    }

    @Test func fifoDeliversInGroupOrderAndLocksAGroupWhileInFlight() throws {
        var queue = Self.queue("f.fifo", attributes: ["ContentBasedDeduplication": "true"])
        _ = Self.send(&queue, "a1", at: 0, group: "a")
        _ = Self.send(&queue, "b1", at: 1, group: "b")
        _ = Self.send(&queue, "a2", at: 2, group: "a")
        let first = queue.receive(maxMessages: 1, visibilityTimeout: 30, now: 10, maxReceiveCount: nil)
        #expect(first.delivered.map(\.body) == ["a1"])
        let second = queue.receive(maxMessages: 10, visibilityTimeout: 30, now: 10, maxReceiveCount: nil)
        #expect(second.delivered.map(\.body) == ["b1"], "group a is locked while a1 is in flight")
        _ = try queue.delete(receiptHandle: first.delivered[0].receiptHandle!, now: 20)
        let third = queue.receive(maxMessages: 10, visibilityTimeout: 30, now: 20, maxReceiveCount: nil)
        #expect(third.delivered.map(\.body) == ["a2"])
        #expect(third.delivered[0].sequenceNumber! > first.delivered[0].sequenceNumber!)
    }

    @Test func fifoDeduplicatesForFiveMinutes() {
        var queue = Self.queue("f.fifo")
        let first = Self.send(&queue, "x", at: 0, group: "g", dedup: "d1")
        let again = Self.send(&queue, "x", at: 299_999, group: "g", dedup: "d1")
        #expect(again.deduplicated)
        #expect(again.message.id == first.message.id)
        #expect(queue.messages.count == 1)
        let later = Self.send(&queue, "x", at: 300_000, group: "g", dedup: "d1")
        #expect(!later.deduplicated)
        #expect(queue.messages.count == 2)
    }

    @Test func fifoHandleExpiresWithItsVisibilityTimeout() {
        var queue = Self.queue("f.fifo")
        _ = Self.send(&queue, "x", at: 0, group: "g", dedup: "1")
        let message = queue.receive(maxMessages: 1, visibilityTimeout: 1, now: 0, maxReceiveCount: nil).delivered[0]
        #expect(throws: AWSError.self) { try queue.delete(receiptHandle: message.receiptHandle!, now: 1_000) }
        #expect(queue.messages.count == 1, "the failed delete kept the message")
    }

    @Test func purgeEmptiesTheQueue() {
        var queue = Self.queue()
        for index in 0..<3 { _ = Self.send(&queue, "\(index)", at: 0) }
        #expect(queue.purge() == 3)
        #expect(queue.receive(maxMessages: 10, visibilityTimeout: 30, now: 0, maxReceiveCount: nil).delivered.isEmpty)
    }

    @Test func redrivePolicyParsesNumbersAndStrings() throws {
        let arn = "arn:aws:sqs:us-east-1:000000000000:dlq"
        #expect(
            try SQSRedrivePolicy(json: "{\"deadLetterTargetArn\":\"\(arn)\",\"maxReceiveCount\":\"5\"}").maxReceiveCount
                == 5
        )
        #expect(
            try SQSRedrivePolicy(json: "{\"deadLetterTargetArn\":\"\(arn)\",\"maxReceiveCount\":3}").json
                == "{\"deadLetterTargetArn\":\"\(arn)\",\"maxReceiveCount\":3}"
        )
        #expect(throws: AWSError.self) {
            try SQSRedrivePolicy(json: "{\"deadLetterTargetArn\":\"\(arn)\",\"maxReceiveCount\":0}")
        }
        #expect(throws: AWSError.self) { try SQSRedrivePolicy(json: "not json") }
    }
}
