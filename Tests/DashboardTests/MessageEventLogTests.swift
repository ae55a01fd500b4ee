import Testing

@testable import Emulator

/// The per-message history on its own: bounded by count, a re-drive followed to the new message id, the Sentry
/// issue id found in a body.
@Suite struct MessageEventLogTests {
    @Test func keepsTheNewestEventsAndSaysHowManyWereDropped() {
        let log = MessageEventLog(capacity: 10)
        for index in 1...25 { log.record(.received, queue: "q", messageID: "m\(index)", time: Int64(index)) }
        #expect(log.all.map(\.sequence) == Array(16...25))
        #expect(log.dropped == 15)
        #expect(log.events(after: 22).map(\.messageID) == ["m23", "m24", "m25"])
        #expect(log.counts["received"]?["q"] == 25, "the edge counts are never dropped")
    }

    @Test func followsARedriveToTheNewMessageAndBack() {
        let log = MessageEventLog()
        log.recordSent(
            queue: "q",
            messageID: "a",
            body: #"{"data":{"event":{"issue_id": "4500000001"}}}"#,
            time: 1,
            by: "test"
        )
        log.record(.received, queue: "q", messageID: "a", time: 2, details: ["receiveCount": "1"])
        log.record(.movedToDLQ, queue: "q", messageID: "a", time: 3, details: ["target": "dlq"])
        log.record(.redriven, queue: "dlq", messageID: "a", time: 4, details: ["target": "q", "newMessageId": "b"])
        log.record(.received, queue: "q", messageID: "b", time: 5, details: ["receiveCount": "1"])
        log.record(.received, queue: "q", messageID: "other", time: 5)
        log.record(.deleted, queue: "q", messageID: "b", time: 6)
        let forward = log.history(of: "a")
        #expect(forward.ids == ["a", "b"])
        #expect(forward.events.map(\.kind) == [.sent, .received, .movedToDLQ, .redriven, .received, .deleted])
        #expect(log.history(of: "b").ids == ["a", "b"], "the new id leads back to where it came from")
        #expect(log.preview(of: "a")?.issueID == "4500000001")
    }

    @Test func findsTheIssueIdAsStringOrNumber() {
        #expect(MessageEventLog.issueID(in: #"{"issue_id":"42"}"#) == "42")
        #expect(MessageEventLog.issueID(in: #"{"issue_id": 7}"#) == "7")
        #expect(MessageEventLog.issueID(in: #"{"issue":"42"}"#) == nil)
    }

    @Test func resetKeepsSequenceNumbersIncreasing() {
        let log = MessageEventLog()
        log.record(.sent, queue: "q", messageID: "a", time: 1)
        log.reset()
        #expect(log.all.isEmpty)
        #expect(log.record(.sent, queue: "q", messageID: "b", time: 2) == 2)
    }
}
