import AWSClient
import Foundation
import Hummingbird
import Synchronization
import TestSupport
import Testing

@testable import Harness

/// The logic of `devstack queues | dlq list | dlq redrive | clock | status | logs` against an emulator in the
/// test process (or a fake control API for routes this emulator build does not serve).
@Suite("Control verbs")
struct ControlVerbTests {
    @Test("queues: counts and the DLQ a queue fails over to")
    func queues() async throws {
        try await withLocalEmulator { local in
            let (queue, _) = try await local.createQueueWithDLQ("work", dlq: "work-dlq", maxReceives: 3)
            for body in ["a", "b"] {
                _ = try await local.sqs.sendMessage(
                    queueURL: queue,
                    body: body,
                    deadline: AWSDeadline.after(.seconds(5))
                )
            }
            _ = try await local.receive(queue)
            let queues = try await local.admin.queues()
            let work = try #require(queues.first { $0.name == "work" })
            #expect(work.visible == 0 && work.inFlight == 2 && work.delayed == 0)
            #expect(work.redrivePolicy?.maxReceiveCount == 3)
            let table = CLIReport.queues(queues)
            let row = try #require(table.split(separator: "\n").first { $0.hasPrefix("work ") })
            #expect(row.contains("work-dlq after 3 receives"))
            #expect(table.hasPrefix("QUEUE"))
        }
    }

    @Test("dlq list: id, receive count, state, DeadLetterReason and the first line of the body")
    func dlqList() async throws {
        try await withLocalEmulator { local in
            let dlq = try await local.createQueue("sentry-asana-message-queue-dlq")
            let sent = try await local.sqs.sendMessage(
                queueURL: dlq,
                body: "{\"action\":\"triggered\"}\nsecond line",
                attributes: ["DeadLetterReason": .string("not an event_alert envelope")],
                deadline: AWSDeadline.after(.seconds(5))
            )
            let messages = try await local.admin.messages(queue: "sentry-asana-message-queue-dlq")
            #expect(messages.map(\.messageId) == [sent.messageID])
            #expect(
                messages.first?.messageAttributes?["DeadLetterReason"]?.stringValue == "not an event_alert envelope"
            )
            let listing = CLIReport.messages(messages, queue: "sentry-asana-message-queue-dlq")
            #expect(listing.hasPrefix("1 message in sentry-asana-message-queue-dlq"))
            #expect(listing.contains(sent.messageID) && listing.contains("not an event_alert envelope"))
            #expect(listing.contains("{\"action\":\"triggered\"}") && !listing.contains("second line"))
            #expect(CLIReport.messages([], queue: "q") == "q is empty.")
            let missing = try await #require(throws: AdminClientError.self) {
                try await local.admin.messages(queue: "nope")
            }
            #expect(missing.code == .notFound && missing.message.contains("nope"))
        }
    }

    @Test("dlq redrive: a message dead-lettered after its receives goes back to its queue; the DLQ ends empty")
    func redriveToTheSourceQueue() async throws {
        try await withLocalEmulator { local in
            let (queue, _) = try await local.createQueueWithDLQ("work", dlq: "work-dlq", maxReceives: 1)
            let sent = try await local.sqs.sendMessage(
                queueURL: queue,
                body: "retry me",
                deadline: AWSDeadline.after(.seconds(5))
            )
            #expect(try await local.receive(queue, visibilityTimeout: 0).count == 1)
            // The second receive finds it over maxReceiveCount: SQS moves it to the DLQ instead.
            #expect(try await local.receive(queue, visibilityTimeout: 0).isEmpty)
            let dead = try await local.admin.messages(queue: "work-dlq")
            #expect(dead.map(\.messageId) == [sent.messageID])

            let lines = Lines()
            let outcome = try await DLQRedrive(sqs: local.sqs, admin: local.admin, timeout: .seconds(10))
                .run(dlq: "work-dlq", to: nil) { lines.append($0) }
            #expect(outcome.status == "COMPLETED" && outcome.moved == 1 && !outcome.timedOut)
            #expect(outcome.leftVisible == 0 && outcome.leftInFlight == 0)
            #expect(lines.all.first?.hasPrefix("work-dlq: 1 visible") == true)
            #expect(lines.all.last?.hasPrefix("COMPLETED: moved 1") == true)
            #expect(try await local.admin.messages(queue: "work-dlq").isEmpty)
            #expect(try await local.receive(queue).map(\.body) == ["retry me"])
        }
    }

    @Test("dlq redrive: a poison record the consumer sent itself has no origin — FAILED without --to, moved with it")
    func redrivePoisonNeedsADestination() async throws {
        // On a virtual clock both tasks start at the same instant: the second run must still report its own task.
        try await withLocalEmulator(virtualClock: true) { local in
            let (queue, dlq) = try await local.createQueueWithDLQ("work", dlq: "work-dlq", maxReceives: 10)
            _ = try await local.sqs.sendMessage(
                queueURL: dlq,
                body: "poison",
                attributes: ["DeadLetterReason": .string("bad json")],
                deadline: AWSDeadline.after(.seconds(5))
            )
            let redrive = DLQRedrive(sqs: local.sqs, admin: local.admin, timeout: .seconds(10))
            let failed = try await redrive.run(dlq: "work-dlq", to: nil)
            #expect(failed.status == "FAILED" && failed.failureReason != nil && failed.leftVisible == 1)
            let moved = try await redrive.run(dlq: "work-dlq", to: "work")
            #expect(moved.status == "COMPLETED" && moved.moved == 1 && moved.leftVisible == 0)
            let back = try #require(try await local.receive(queue).first)
            #expect(back.body == "poison" && back.messageAttributes["DeadLetterReason"] == .string("bad json"))
            let unknown = try await #require(throws: AdminClientError.self) {
                try await redrive.run(dlq: "nope", to: nil)
            }
            #expect(unknown.code == .notFound && unknown.message.contains("work-dlq"))
            await #expect(throws: AdminClientError.self) { try await redrive.run(dlq: "work-dlq", to: "nowhere") }
        }
    }

    @Test("the task a run started is told apart from earlier ones with the same numbers and instant")
    func whichTaskIsOurs() {
        typealias Entry = SQSMessageMoveTask
        let failed = Entry(
            status: "FAILED",
            startedTimestamp: 5,
            approximateNumberOfMessagesMoved: 0,
            approximateNumberOfMessagesToMove: 1
        )
        let done = Entry(
            status: "COMPLETED",
            startedTimestamp: 5,
            approximateNumberOfMessagesMoved: 1,
            approximateNumberOfMessagesToMove: 1
        )
        let running = Entry(taskHandle: "h2", status: "RUNNING", startedTimestamp: 5)
        #expect(DLQRedrive.ours(in: [failed, done], earlier: [failed], handle: "h") == done)
        #expect(DLQRedrive.ours(in: [done, failed], earlier: [failed], handle: "h") == done)
        #expect(DLQRedrive.ours(in: [failed, failed], earlier: [failed], handle: "h") == failed)
        #expect(DLQRedrive.ours(in: [failed, running], earlier: [failed], handle: "h2") == running)
        #expect(DLQRedrive.ours(in: [failed], earlier: [failed], handle: "h") == nil)
    }

    @Test("clock advance moves a virtual clock by the parsed duration; a real clock refuses with 409")
    func clockAdvance() async throws {
        try await withLocalEmulator(virtualClock: true) { local in
            let before = try await local.admin.clock()
            #expect(before.virtual)
            let after = try await local.admin.advanceClock(by: try DurationText.seconds("1h30m"))
            #expect(after.now - before.now == 5_400_000)
            let again = try await local.admin.advanceClock(by: try DurationText.seconds("155"))
            #expect(again.now - after.now == 155_000)
        }
        try await withLocalEmulator(virtualClock: false) { local in
            #expect(try await local.admin.clock().virtual == false)
            let error = try await #require(throws: AdminClientError.self) { try await local.admin.advanceClock(by: 90) }
            #expect(error.status == 409 && error.code == .failed)
        }
    }

    @Test("status: the emulator's /_devstack/status when served; pieced together with notes when not")
    func statusAndFallback() async throws {
        let full = Router()
        full.get("/_devstack/status") { _, _ -> Response in
            Self.json(
                #"{"functions":[{"name":"sentry-asana-consumer","arn":"arn:x","instances":2,"busy":1,"invocations":7,"errors":1}],"#
                    + #""queues":[{"name":"sentry-asana-message-queue-dlq","visible":1,"inFlight":0,"delayed":0}],"#
                    + #""alarms":[{"name":"sentry-asana-dlq-messages","state":"ALARM","reason":"Threshold Crossed: 1 datapoint [1.0] was greater than the threshold (0.0).","value":1}]}"#
            )
        }
        try await withTestServer(full) { url in
            let snapshot = try await StatusSnapshot.read(AdminClient(endpoint: url))
            #expect(snapshot.notes.isEmpty)
            #expect(snapshot.functions?.first?.errors == 1 && snapshot.alarms?.first?.state == "ALARM")
            let text = snapshot.render()
            #expect(
                text.contains("sentry-asana-consumer") && text.contains("ALARM")
                    && text.contains("sentry-asana-message-queue-dlq")
            )
        }
        // An emulator without the Lambda side or alarms: queues only, and a note for each missing part.
        try await withLocalEmulator { local in
            _ = try await local.createQueue("sentry-asana-message-queue")
            let snapshot = try await StatusSnapshot.read(local.admin)
            #expect(snapshot.queues.map(\.name) == ["sentry-asana-message-queue"])
            if snapshot.functions == nil { #expect(snapshot.notes.contains { $0.hasPrefix("functions: unknown") }) }
            if snapshot.alarms == nil { #expect(snapshot.notes.contains { $0.hasPrefix("alarms: unknown") }) }
            #expect(snapshot.render().contains("sentry-asana-message-queue"))
            let json = CLIReport.json(snapshot)
            #expect(json.contains("\"notes\"") && json.contains("\"queues\""))
            if snapshot.alarms == nil { #expect(json.contains("\"alarms\" : null")) }
        }
        let nobody = try AdminClient(endpoint: "http://127.0.0.1:1")
        let error = try await #require(throws: AdminClientError.self) { try await StatusSnapshot.read(nobody) }
        #expect(error.code == .unreachable && error.message.contains("devstack up"))
    }

    @Test("logs: pages follow `next`; a function's lines print with their time; an unknown function is a 404")
    func logsPaging() async throws {
        let router = Router()
        router.get("/_devstack/lambda/logs") { request, _ -> Response in
            if request.uri.queryParameters.get("function") == nil {
                return Self.json(
                    #"{"events":[{"seq":7,"function":"sentry-asana-producer","time":1732870800000,"requestId":null,"message":"hello"}],"next":7}"#
                )
            }
            guard request.uri.queryParameters.get("function") == "sentry-asana-consumer" else {
                return Self.json(#"{"error":"no function called x"}"#, status: .notFound)
            }
            if request.uri.queryParameters.get("after") == "2" {
                return Self.json(#"{"events":[],"next":2}"#)
            }
            return Self.json(
                #"{"events":[{"seq":1,"time":1732870800123,"requestId":"r1","message":"START RequestId: r1"},"#
                    + #"{"seq":2,"time":"2024-11-29T09:00:00.500Z","requestId":"r1","message":"{\"level\":\"info\"}"}],"next":2}"#
            )
        }
        try await withTestServer(router) { url in
            let admin = AdminClient(endpoint: url)
            let page = try await admin.logs(function: "sentry-asana-consumer", after: nil)
            #expect(page.events.map(\.seq) == [1, 2] && page.next == 2)
            #expect(CLIReport.logLine(page.events[0]) == "09:00:00.123  START RequestId: r1")
            #expect(page.events[1].time == 1_732_870_800_500)
            #expect(try await admin.logs(function: "sentry-asana-consumer", after: page.next).events.isEmpty)
            let every = try await admin.logs(function: nil, after: nil)
            #expect(every.events.first?.function == "sentry-asana-producer" && every.events.first?.requestId == nil)
            #expect(
                CLIReport.logLine(every.events[0], showFunction: true) == "sentry-asana-producer  09:00:00.000  hello"
            )
            let error = try await #require(throws: AdminClientError.self) {
                try await admin.logs(function: "x", after: nil)
            }
            #expect(error.code == .notFound && error.message.contains("no function called x"))
        }
    }

    @Test(
        "every page, not only the first thousand lines: allLogs follows next until a page is empty, or stops at limit"
    )
    func allPages() async throws {
        // A fake of the emulator's paging: 2,500 lines, at most 1,000 a page.
        let router = Router()
        router.get("/_devstack/lambda/logs") { request, _ -> Response in
            let after = Int(request.uri.queryParameters.get("after") ?? "0") ?? 0
            let seqs = Array(stride(from: after + 1, through: min(after + 1_000, 2_500), by: 1))
            let events = seqs.map { #"{"seq":\#($0),"time":1732870800000,"requestId":"r","message":"line \#($0)"}"# }
            return Self.json(#"{"events":[\#(events.joined(separator: ","))],"next":\#(seqs.last ?? after)}"#)
        }
        try await withTestServer(router) { url in
            let admin = AdminClient(endpoint: url)
            let every = try await admin.allLogs(function: "f")
            #expect(every.events.count == 2_500 && every.next == 2_500)
            #expect(every.events.last?.message == "line 2500")
            let some = try await admin.allLogs(function: "f", after: 100, limit: 1_500)
            #expect(some.events.first?.seq == 101 && some.events.count == 1_500 && some.next == 1_600)
            #expect(try await admin.logLines(function: "f").count == 2_500)
        }
    }

    @Test("the scenario runner's views: a queue's counts with its messages' string attributes, queue names, health")
    func queueStateAndHealth() async throws {
        try await withLocalEmulator(virtualClock: true) { local in
            let (queue, _) = try await local.createQueueWithDLQ("work", dlq: "work-dlq", maxReceives: 3)
            let sent = try await local.sqs.sendMessage(
                queueURL: queue,
                body: "a",
                attributes: ["team": .string("payments"), "blob": .binary(Data([1, 2]))],
                deadline: AWSDeadline.after(.seconds(5))
            )
            _ = try await local.sqs.sendMessage(queueURL: queue, body: "b", deadline: AWSDeadline.after(.seconds(5)))
            #expect(try await local.receive(queue).count == 2)
            let state = try await local.admin.queueState("work")
            #expect(state.visible == 0 && state.inFlight == 2 && state.delayed == 0)
            #expect(state.messages.map(\.receiveCount) == [1, 1])
            // Binary attributes have no string form: they are left out of the view a scenario matches on.
            #expect(state.messages.first { $0.messageId == sent.messageID }?.stringAttributes == ["team": "payments"])
            #expect(try await local.admin.queue("work").redrivePolicy?.maxReceiveCount == 3)
            #expect(try await local.admin.queueNames() == ["work", "work-dlq"])
            let missing = try await #require(throws: AdminClientError.self) { try await local.admin.queueState("nope") }
            #expect(missing.code == .notFound && missing.message.contains("no queue called nope"))
            let health = try await local.admin.health()
            #expect(health.status == "ok" && health.virtualClock && !health.durable && health.services.contains("sqs"))
        }
    }

    @Test("the journal, kill and a function's log lines: typed as the emulator serves them; unknown functions are 404s")
    func invocationsKillAndLogLines() async throws {
        let killed = Mutex<[String]>([])
        let router = Router()
        router.get("/_devstack/lambda/invocations") { request, _ -> Response in
            guard request.uri.queryParameters.get("function") == "sentry-asana-consumer" else {
                return Self.json(#"{"error":"no function called x"}"#, status: .notFound)
            }
            return Self.json(
                #"{"invocations":[{"requestId":"r1","function":"sentry-asana-consumer","source":"sqs","startedAt":1000,"#
                    + #""endedAt":1500,"outcome":"error","errorType":"Runtime.Unhandled","errorMessage":"boom","messageIds":["m1","m2"]},"#
                    + #"{"requestId":"r2","function":"sentry-asana-consumer","source":"sqs","startedAt":2000,"endedAt":null,"#
                    + #""outcome":"running","errorType":null,"errorMessage":null,"messageIds":["m3"]}]}"#
            )
        }
        router.post("/_devstack/lambda/functions/:name/kill") { _, context -> Response in
            let name = context.parameters.get("name") ?? ""
            killed.withLock { $0.append(name) }
            return name == "sentry-asana-consumer"
                ? Self.json(#"{"killed":[4242]}"#)
                : Self.json(#"{"error":"no function called \#(name)"}"#, status: .notFound)
        }
        router.get("/_devstack/lambda/logs") { request, _ -> Response in
            // Three pages of one line each, then an empty one: every line is collected, in order.
            let after = Int(request.uri.queryParameters.get("after") ?? "") ?? -1
            guard (0..<3).contains(after) else { return Self.json(#"{"events":[],"next":\#(max(after, 0))}"#) }
            return Self.json(
                #"{"events":[{"seq":\#(after + 1),"time":1,"requestId":null,"message":"line \#(after + 1)"}],"next":\#(after + 1)}"#
            )
        }
        try await withTestServer(router) { url in
            let admin = AdminClient(endpoint: url)
            let journal = try await admin.invocations(function: "sentry-asana-consumer")
            #expect(journal.map(\.requestId) == ["r1", "r2"] && journal.map(\.outcome) == ["error", "running"])
            #expect(
                journal[0].messageIds == ["m1", "m2"] && journal[0].errorType == "Runtime.Unhandled"
                    && journal[0].endedAt == 1500
            )
            #expect(journal[1].endedAt == nil && journal[1].errorMessage == nil)
            let unknown = try await #require(throws: AdminClientError.self) {
                try await admin.invocations(function: "x")
            }
            #expect(unknown.code == .notFound && unknown.message.contains("no function called x"))
            #expect(try await admin.kill(function: "sentry-asana-consumer") == [4242])
            let noKill = try await #require(throws: AdminClientError.self) { try await admin.kill(function: "nope") }
            #expect(noKill.status == 404)
            #expect(killed.withLock { $0 } == ["sentry-asana-consumer", "nope"])
            #expect(try await admin.logLines(function: "sentry-asana-consumer") == ["line 1", "line 2", "line 3"])
            let firstTwo = try await admin.allLogs(function: "sentry-asana-consumer", maxPages: 2)
            #expect(firstTwo.events.map(\.message) == ["line 1", "line 2"])
        }
        // The real emulator: an empty journal, and the same 404s for a function it does not host.
        try await withLocalEmulator { local in
            let journal = try await local.admin.invocations(function: nil)
            #expect(journal.isEmpty)
            await #expect(throws: AdminClientError.self) { try await local.admin.invocations(function: "nope") }
            await #expect(throws: AdminClientError.self) { try await local.admin.kill(function: "nope") }
            await #expect(throws: AdminClientError.self) { try await local.admin.logLines(function: "nope") }
        }
    }

    @Test("an endpoint that is not an http URL is refused before any call")
    func badEndpoint() {
        for text in ["", "127.0.0.1:4566", "ftp://127.0.0.1", "http://"] {
            #expect(throws: AdminClientError.self, "\(text)") { try AdminClient(endpoint: text) }
        }
        #expect(throws: AdminClientError.self) {
            try LocalAWS.sqs(endpoint: "http://127.0.0.1:4566", credentials: "nocolon")
        }
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: .init(string: text))
        )
    }
}
