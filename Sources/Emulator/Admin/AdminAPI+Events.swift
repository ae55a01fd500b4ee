import Foundation

/// `/_devstack/events` (every message's events, followed by sequence number, with the edge counts) and
/// `/_devstack/sqs/messages/{id}/timeline` (one message's life: its events, the re-drives it went through, each
/// invocation that got it with its log lines, and the producer invocation that sent it when that is clear).
extension AdminAPI {
    func eventsView(_ request: EmulatorRequest) -> EmulatorResponse {
        let query = LambdaAPIDispatcher.parseQuery(request.query)
        var after = 0
        var limit = 500
        if let text = query["after"] {
            guard let number = Int(text), number >= 0 else {
                return Self.error(400, "after takes a sequence number >= 0, got '\(text)'")
            }
            after = number
        }
        if let text = query["limit"] {
            guard let number = Int(text), (1...5_000).contains(number) else {
                return Self.error(400, "limit takes a number in 1...5000, got '\(text)'")
            }
            limit = number
        }
        let log = emulator.sqs.events
        let events = log.events(after: after, limit: limit)
        return .json([
            "events": events.map(\.json), "next": events.last?.sequence ?? max(after, 0),
            "last": log.lastSequence, "counts": log.counts, "dropped": log.dropped, "capacity": log.capacity,
        ])
    }

    func timelineView(_ messageID: String) -> EmulatorResponse {
        let log = emulator.sqs.events
        let (ids, events) = log.history(of: messageID)
        guard !events.isEmpty else {
            return Self.error(
                404,
                "no events for message \(messageID) (the log keeps the newest \(log.capacity) events)"
            )
        }
        let chain = Set(ids)
        let journal = emulator.lambda.journal.records(function: nil)
        let consumers = journal.filter { !chain.isDisjoint(with: $0.messageIDs) }
        var timeline = events.map(\.json)
        // Who sent it: the one Function URL invocation under way when the message was sent, if exactly one.
        if let sent = events.first(where: { $0.kind == .sent }) {
            let at = Date(timeIntervalSince1970: Double(sent.time) / 1000)
            let running = journal.filter {
                $0.source == .url && $0.startedAt <= at && ($0.endedAt ?? .distantFuture) >= at
            }
            if running.count == 1, let index = timeline.firstIndex(where: { ($0["kind"] as? String) == "sent" }) {
                var details = sent.details
                details["requestId"] = running[0].requestID
                details["function"] = running[0].function
                timeline[index]["details"] = details
            }
        }
        // Why it failed, in the function's words: its last log line of that invocation that names the message.
        for index in timeline.indices where (timeline[index]["kind"] as? String) == "failed" {
            guard var details = timeline[index]["details"] as? [String: String], let requestID = details["requestId"],
                let function = details["function"], let id = timeline[index]["messageId"] as? String
            else { continue }
            let lines = emulator.lambda.logs.events(function: function, requestID: requestID).map(\.message)
            if let line = lines.last(where: { $0.contains(id) && !$0.contains("\"info\"") })
                ?? lines.last(where: {
                    $0.contains(id)
                })
            {
                details["log"] = String(line.prefix(600))
                timeline[index]["details"] = details
            }
        }
        let producers = journal.filter { record in
            timeline.contains { (($0["details"] as? [String: String])?["requestId"]) == record.requestID }
                && record.source == .url
        }
        var out: [String: Any] = [
            "messageId": messageID, "ids": ids, "events": timeline,
            "invocations": (producers + consumers).map { record -> [String: Any] in
                var json = record.json
                json["logs"] = emulator.lambda.logs.events(function: record.function, requestID: record.requestID)
                    .prefix(100).map(\.message)
                return json
            },
        ]
        if let preview = ids.lazy.compactMap({ log.preview(of: $0) }).first {
            out["preview"] = preview.text
            out["issueId"] = preview.issueID ?? NSNull()
        }
        return .json(out)
    }
}
