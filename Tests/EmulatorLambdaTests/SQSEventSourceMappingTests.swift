import AWSClient
import Foundation
import LambdaEvents
import Testing

@testable import Emulator

func message(_ id: String, body: String = "body") -> MappingQueueMessage {
    MappingQueueMessage(
        messageID: id,
        receiptHandle: "rh-\(id)",
        body: body,
        attributes: [
            "ApproximateReceiveCount": "1", "SentTimestamp": "1800000000000", "SenderId": "000000000000",
            "ApproximateFirstReceiveTimestamp": "1800000000001",
        ],
        messageAttributes: ["kind": .string("alert"), "blob": .binary(Data([1, 2, 3]))]
    )
}

func records(_ ids: [String]) -> [SQSEventRecord] {
    ids.map {
        SQSEventRecord(
            message: message($0),
            eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:q",
            region: "us-east-1"
        )
    }
}

@Suite("SQS event source mapping rules")
struct SQSEventSourceMappingRuleTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let batch = records(["a", "b", "c"])

    func evaluate(_ body: String?, report: Bool = true) -> SQSMappingBatchResult {
        let outcome: LambdaInvocationOutcome =
            body.map { .success(Data($0.utf8)) }
            ?? .failure(LambdaFunctionError(errorType: "Sandbox.Timedout", errorMessage: "timeout"))
        return SQSMappingBatchResult.evaluate(records: batch, outcome: outcome, reportBatchItemFailures: report)
    }

    @Test("the record has Lambda's shape")
    func recordShape() throws {
        let record = try #require(records(["m1"]).first)
        let object = try #require(try JSONSerialization.jsonObject(with: record.encoded()) as? [String: Any])
        #expect(object["messageId"] as? String == "m1")
        #expect(object["receiptHandle"] as? String == "rh-m1")
        #expect(object["eventSource"] as? String == "aws:sqs")
        #expect(object["eventSourceARN"] as? String == "arn:aws:sqs:us-east-1:000000000000:q")
        #expect(object["awsRegion"] as? String == "us-east-1")
        #expect(object["md5OfBody"] as? String == SQSChecksum.body("body"))
        #expect((object["attributes"] as? [String: String])?["ApproximateReceiveCount"] == "1")
        let attributes = try #require(object["messageAttributes"] as? [String: [String: Any]])
        #expect(attributes["kind"]?["stringValue"] as? String == "alert")
        #expect(attributes["kind"]?["dataType"] as? String == "String")
        #expect(attributes["blob"]?["binaryValue"] as? String == "AQID")
        #expect((attributes["blob"]?["stringListValues"] as? [Any])?.isEmpty == true)
        let event = SQSEventRecord.event(encodedRecords: [record.encoded(), record.encoded()])
        let decoded = try #require(try JSONSerialization.jsonObject(with: event) as? [String: [Any]])
        #expect(decoded["Records"]?.count == 2)
        let typed = try JSONDecoder().decode(SQSEvent.self, from: event)
        #expect(typed.records == [record, record], "the consumer decodes exactly what the mapping sent")
    }

    @Test("success deletes all; a function error or timeout deletes nothing")
    func successAndFailure() {
        #expect(evaluate(#"{"batchItemFailures":[]}"#).delete == ["rh-a", "rh-b", "rh-c"])
        let failed = evaluate(nil)
        #expect(failed.delete.isEmpty)
        #expect(failed.retry == ["a", "b", "c"])
        #expect(failed.reason == .functionError("Sandbox.Timedout"))
        #expect(evaluate(nil, report: false).delete.isEmpty)
    }

    @Test("batchItemFailures deletes all the others")
    func partial() {
        let result = evaluate(#"{"batchItemFailures":[{"itemIdentifier":"b"}]}"#)
        #expect(result.reason == .partialFailure)
        #expect(result.delete == ["rh-a", "rh-c"])
        #expect(result.retry == ["b"])
    }

    @Test("an empty or null list, an empty object, null or an empty body count as full success")
    func emptyMeansSuccess() {
        for body in [#"{"batchItemFailures":[]}"#, #"{"batchItemFailures":null}"#, "{}", "null", "", #"{"other":1}"#] {
            #expect(evaluate(body).reason == .success, "body: \(body)")
            #expect(evaluate(body).delete.count == 3, "body: \(body)")
        }
    }

    @Test("an invalid or unknown itemIdentifier, or a response that is not JSON, fails the whole batch")
    func invalidFailsAll() {
        for body in [
            #"{"batchItemFailures":[{"itemIdentifier":"zzz"}]}"#, #"{"batchItemFailures":[{"itemIdentifier":""}]}"#,
            #"{"batchItemFailures":[{"itemIdentifier":null}]}"#, #"{"batchItemFailures":[{"id":"a"}]}"#,
            #"{"batchItemFailures":[{"itemIdentifier":7}]}"#, #"{"batchItemFailures":"oops"}"#,
            #"{"batchItemFailures":[{"itemIdentifier":"a"},{"itemIdentifier":"zzz"}]}"#, "not json {", "[1]",
        ] {
            let result = evaluate(body)
            #expect(result.delete.isEmpty, "body: \(body)")
            #expect(result.retry == ["a", "b", "c"], "body: \(body)")
            if case .invalidBatchResponse = result.reason {} else { Issue.record("body \(body) gave \(result.reason)") }
        }
    }

    @Test("without ReportBatchItemFailures any response is success, whatever it says")
    func withoutReporting() {
        #expect(evaluate(#"{"batchItemFailures":[{"itemIdentifier":"b"}]}"#, report: false).delete.count == 3)
        #expect(evaluate("not json", report: false).delete.count == 3)
    }

    @Test("effective visibility: window + timeout + 30 s when window + timeout exceeds the queue's visibility")
    func effectiveVisibility() {
        let production = SQSEventSourceMappingSettings(
            functionName: "consumer",
            eventSourceARN: "arn",
            batchSize: 10,
            maximumBatchingWindowInSeconds: 5
        )
        #expect(production.effectiveVisibilityTimeout(functionTimeout: 120, queueVisibilityTimeout: 120) == 155)
        #expect(production.effectiveVisibilityTimeout(functionTimeout: 60, queueVisibilityTimeout: 120) == 120)
        #expect(production.effectiveVisibilityTimeout(functionTimeout: 115, queueVisibilityTimeout: 120) == 120)
    }

    @Test("settings are validated as CreateEventSourceMapping validates them")
    func validation() {
        func settings(batch: Int = 10, window: Int = 0, concurrency: Int? = nil) -> SQSEventSourceMappingSettings {
            SQSEventSourceMappingSettings(
                functionName: "f",
                eventSourceARN: "arn",
                batchSize: batch,
                maximumBatchingWindowInSeconds: window,
                maximumConcurrency: concurrency
            )
        }
        #expect(settings().validate(functionTimeout: 30, queueVisibilityTimeout: 30) == nil)
        #expect(settings(batch: 11).validate(functionTimeout: 3, queueVisibilityTimeout: 30) != nil)
        #expect(settings(batch: 100, window: 1).validate(functionTimeout: 3, queueVisibilityTimeout: 30) == nil)
        #expect(settings(batch: 10_001, window: 1).validate(functionTimeout: 3, queueVisibilityTimeout: 30) != nil)
        #expect(settings(window: 301).validate(functionTimeout: 3, queueVisibilityTimeout: 30) != nil)
        #expect(settings(concurrency: 1).validate(functionTimeout: 3, queueVisibilityTimeout: 30) != nil)
        #expect(
            settings().validate(functionTimeout: 60, queueVisibilityTimeout: 30)
                == "Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds"
        )
    }

    @Test("without a window a receive is a batch at once; with one, a batch waits until full or the window ends")
    func batching() {
        var immediate = SQSBatchAccumulator(batchSize: 10, window: 0)
        #expect(immediate.receiveWait(now: t0) == 20)
        #expect(immediate.add(records(["a", "b"]), now: t0).map { $0.records.count } == [2])

        var windowed = SQSBatchAccumulator(batchSize: 3, window: 5)
        #expect(windowed.add(records(["a"]), now: t0).isEmpty)
        #expect(windowed.receiveMax == 2)
        #expect(windowed.receiveWait(now: t0.addingTimeInterval(1)) == 4)
        #expect(windowed.flushIfDue(now: t0.addingTimeInterval(4.9)) == nil)
        #expect(windowed.flushIfDue(now: t0.addingTimeInterval(5))?.records.map(\.messageId) == ["a"])

        var full = SQSBatchAccumulator(batchSize: 3, window: 5)
        let ready = full.add(records(["a", "b", "c", "d"]), now: t0)
        #expect(ready.map { $0.records.map(\.messageId) } == [["a", "b", "c"]])
        #expect(full.records.map(\.messageId) == ["d"])
    }

    @Test("a message received again while its batch waits is one record with the newer receipt, never two")
    func noMessageTwiceInABatch() {
        // Before, a clock jump past the message's visibility during the window put it in the batch twice, and
        // the consumer refused the whole batch ("the batch repeats a message id").
        var windowed = SQSBatchAccumulator(batchSize: 10, window: 5)
        #expect(windowed.add(records(["a", "b"]), now: t0).isEmpty)
        var again = SQSEventRecord(message: message("a"), eventSourceARN: "arn", region: "us-east-1")
        again.receiptHandle = "rh-a-2"
        #expect(windowed.add([again], now: t0.addingTimeInterval(1)).isEmpty)
        let batch = windowed.flushIfDue(now: t0.addingTimeInterval(5))
        #expect(batch?.records.map(\.messageId) == ["a", "b"])
        #expect(batch?.records.first?.receiptHandle == "rh-a-2")
    }

    @Test("a batch is cut before the event would pass the payload limit; the event is the exact JSON")
    func payloadCap() throws {
        let big = (0..<4).map {
            SQSEventRecord(
                message: message("m\($0)", body: String(repeating: "x", count: 1000)),
                eventSourceARN: "arn",
                region: "us-east-1"
            )
        }
        let oneRecord = big[0].encoded().count
        var accumulator = SQSBatchAccumulator(batchSize: 10, window: 5, payloadLimit: oneRecord * 2 + 20)
        let ready = accumulator.add(big, now: t0)
        #expect(ready.map(\.records.count) == [2])
        #expect(ready[0].event.count <= oneRecord * 2 + 20)
        let event = try #require(try JSONSerialization.jsonObject(with: ready[0].event) as? [String: [Any]])
        #expect(event["Records"]?.count == 2)
        #expect(accumulator.records.count == 2)
    }

    @Test("pollers start at five, grow while receives are full, never past MaximumConcurrency, and fall back")
    func scaling() {
        var scaling = SQSPollerScaling(maximumConcurrency: 8, functionConcurrency: 1000)
        #expect(scaling.pollers == 5)
        scaling.received(count: 10, max: 10, now: t0)
        #expect(scaling.pollers == 8, "five more a second, capped at 8")
        scaling.received(count: 0, max: 10, now: t0.addingTimeInterval(1))
        #expect(scaling.pollers == 7)
        var small = SQSPollerScaling(maximumConcurrency: 2, functionConcurrency: 1000)
        #expect(small.pollers == 2)
        small.received(count: 10, max: 10, now: t0)
        #expect(small.pollers == 2)
        #expect(SQSPollerScaling(maximumConcurrency: nil, functionConcurrency: 3).cap == 3)
    }
}
