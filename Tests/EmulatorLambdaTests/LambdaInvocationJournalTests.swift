import Foundation
import Testing

@testable import Emulator

/// The invocation journal and the log store's paging as values, without processes.
@Suite struct LambdaInvocationJournalTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func invocation(_ id: String, source: LambdaInvocationSource = .invoke, messages: [String] = []) -> LambdaInvocation
    {
        LambdaInvocation(requestID: id, payload: Data("{}".utf8), source: source, messageIDs: messages)
    }

    @Test("outcomes: success, error, timeout, crash (exit and shutdown); batchItemFailures are a success")
    func outcomes() {
        #expect(
            LambdaInvocationRecord.Outcome(.success(Data(#"{"batchItemFailures":[{"itemIdentifier":"a"}]}"#.utf8)))
                == .success
        )
        #expect(
            LambdaInvocationRecord.Outcome(.failure(LambdaFunctionError(errorType: "TestError", errorMessage: "")))
                == .error
        )
        #expect(LambdaInvocationRecord.Outcome(.failure(.timedOut(requestID: "r", after: 3))) == .timeout)
        #expect(LambdaInvocationRecord.Outcome(.failure(.exited(requestID: "r", status: "signal: killed"))) == .crash)
        #expect(
            LambdaInvocationRecord.Outcome(
                .failure(LambdaFunctionError(errorType: LambdaInvocationJournal.shutdownErrorType, errorMessage: ""))
            )
                == .crash
        )
        #expect(LambdaInvocationRecord.Outcome(.failure(.responseTooLarge(size: 7_000_000))) == .error)
    }

    @Test("a record runs until it ends; counters and failure times per function; an async retry is a new record")
    func lifecycle() {
        let journal = LambdaInvocationJournal()
        journal.begin(invocation("a", source: .sqs, messages: ["m1", "m2"]), function: "f", at: start)
        #expect(journal.records().map(\.outcome) == [.running])
        #expect(journal.records().first?.endedAt == nil)
        journal.end("a", function: "f", outcome: .success(Data()), at: start.addingTimeInterval(1))
        journal.begin(invocation("e", source: .event), function: "f", at: start.addingTimeInterval(2))
        journal.end(
            "e",
            function: "f",
            outcome: .failure(.timedOut(requestID: "e", after: 3)),
            at: start.addingTimeInterval(5)
        )
        journal.begin(invocation("e", source: .event), function: "f", at: start.addingTimeInterval(65))
        journal.end("e", function: "f", outcome: .success(Data()), at: start.addingTimeInterval(66))
        journal.begin(invocation("g"), function: "g", at: start)

        let records = journal.records(function: "f")
        #expect(records.map(\.requestID) == ["a", "e", "e"])
        #expect(records.map(\.outcome) == [.success, .timeout, .success])
        #expect(records[0].messageIDs == ["m1", "m2"])
        #expect(records[1].errorType == "Sandbox.Timedout")
        #expect(records[2].startedAt == start.addingTimeInterval(65))
        #expect(journal.counters(function: "f") == .init(invocations: 3, errors: 1))
        #expect(journal.failureEndTimes(function: "f") == [start.addingTimeInterval(5)])
        #expect(journal.records(function: "g").map(\.outcome) == [.running])
        let json = records[0].json
        #expect(json["startedAt"] as? Int64 == 1_800_000_000_000)
        #expect(json["endedAt"] as? Int64 == 1_800_000_001_000)
        #expect(json["source"] as? String == "sqs")
    }

    @Test("bounded: the oldest records are dropped, an invocation whose record was dropped still counts")
    func bounded() {
        let journal = LambdaInvocationJournal(capacity: 3)
        for index in 0..<5 { journal.begin(invocation("r\(index)"), function: "f", at: start) }
        #expect(journal.records().map(\.requestID) == ["r2", "r3", "r4"])
        journal.end(
            "r0",
            function: "f",
            outcome: .failure(.exited(requestID: "r0", status: "exit status 1")),
            at: start
        )
        journal.end("r4", function: "f", outcome: .success(Data()), at: start)
        #expect(journal.records().map(\.outcome) == [.running, .running, .success])
        #expect(journal.counters(function: "f") == .init(invocations: 5, errors: 1))
        journal.removeAll()
        #expect(journal.records().isEmpty)
        journal.begin(invocation("n"), function: "f", at: start)
        journal.end("n", function: "f", outcome: .success(Data()), at: start)
        #expect(journal.records().map(\.outcome) == [.success], "sequence numbers stay right after a reset")
    }

    @Test("log pages: after and next over one function or all, sequence numbers never reused")
    func logPages() {
        let logs = LambdaLogStore(capacityPerFunction: 2)
        func line(_ function: String, _ message: String) {
            logs.append(
                LambdaLogEvent(function: function, requestID: nil, logStream: "s", timestamp: start, message: message)
            )
        }
        line("f", "one")
        line("g", "two")
        line("f", "three")
        let all = logs.page(function: nil)
        #expect(all.entries.map(\.event.message) == ["one", "two", "three"])
        #expect(all.entries.map(\.sequence) == [1, 2, 3])
        #expect(all.next == 3)
        #expect(logs.page(function: "f", after: 1).entries.map(\.event.message) == ["three"])
        #expect(logs.page(function: nil, after: 3).entries.isEmpty)
        #expect(logs.page(function: nil, after: 3).next == 3)
        line("f", "four")
        #expect(logs.page(function: "f").entries.map(\.event.message) == ["three", "four"], "bounded per function")
        #expect(logs.page(function: nil, after: 0, limit: 1).entries.map(\.sequence) == [2])
        logs.removeAll()
        line("f", "five")
        #expect(logs.page(function: nil).entries.map(\.sequence) == [5])
    }
}
