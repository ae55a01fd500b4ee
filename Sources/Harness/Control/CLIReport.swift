import Foundation

/// The readable (table) forms of the CLI verbs' data; `--json` prints the data itself instead.
package enum CLIReport {
    /// `--json` output: sorted keys, pretty-printed, slashes unescaped.
    package static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// One compact JSON object on one line, for streams (`devstack logs --follow --json`).
    package static func jsonLine(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// `devstack queues`: name, counts, and where a queue's failures go.
    package static func queues(_ queues: [QueueSummary]) -> String {
        guard !queues.isEmpty else { return "No queues." }
        var table = TextTable(["QUEUE", "VISIBLE", "IN FLIGHT", "DELAYED", "DEAD-LETTER QUEUE"])
        for queue in queues {
            let redrive = queue.redrivePolicy.map {
                "\($0.deadLetterTargetArn.split(separator: ":").last.map(String.init) ?? $0.deadLetterTargetArn) after \($0.maxReceiveCount) receives"
            }
            table.add(["\(queue.name)", "\(queue.visible)", "\(queue.inFlight)", "\(queue.delayed)", redrive ?? "-"])
        }
        return table.render()
    }

    /// `devstack dlq list`: id, receive count, sent time, the `DeadLetterReason` attribute, first body line.
    package static func messages(_ messages: [QueueMessage], queue: String) -> String {
        guard !messages.isEmpty else { return "\(queue) is empty." }
        var table = TextTable(["MESSAGE ID", "RECEIVES", "SENT (UTC)", "STATE", "REASON", "BODY"])
        for message in messages {
            let reason = message.messageAttributes?["DeadLetterReason"]?.stringValue.map { shorten($0, 50) }
            table.add([
                message.messageId, "\(message.receiveCount)", time(message.sentTimestamp), message.state,
                reason ?? (message.deadLetterQueueSourceArn != nil ? "max receives (redrive policy)" : "-"),
                message.firstLine(limit: 50),
            ])
        }
        return "\(messages.count) message\(messages.count == 1 ? "" : "s") in \(queue)\n" + table.render()
    }

    /// One log event as `devstack logs` prints it: `HH:MM:SS.mmm  message`, with the function first when
    /// several functions' logs are shown.
    package static func logLine(_ event: LogEvent, showFunction: Bool = false) -> String {
        let stamp = event.time.map { time($0, withDate: false) } ?? "-"
        let prefix = showFunction ? "\(event.function ?? "-")  " : ""
        return "\(prefix)\(stamp)  \(event.message)"
    }

    /// Milliseconds since the epoch as `2026-11-29 09:41:07` (UTC), or just the time with milliseconds.
    package static func time(_ millis: Int64, withDate: Bool = true) -> String {
        let date = Date(timeIntervalSince1970: Double(millis) / 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        let clock = "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
        if withDate { return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(clock)" }
        return clock + String(format: ".%03d", Int(((millis % 1000) + 1000) % 1000))
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}
