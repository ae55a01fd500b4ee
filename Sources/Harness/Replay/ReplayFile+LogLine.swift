import AWSClient
import Foundation
import Hashing
import ServiceSupport

extension ReplayFile {
    /// Lines of a log: each one holding a JSON object with a `replay` member is a message; every other line is
    /// skipped. A prefix before the JSON (a timestamp, a log stream) is tolerated.
    static func messages(inLogLines text: String, file: String) throws(ReplayError) -> [ReplayMessage] {
        var out: [ReplayMessage] = []
        var sawJSON = false
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            guard let start = line.firstIndex(of: "{") else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line[start...].utf8)) as? [String: Any]
            else { continue }
            sawJSON = true
            guard object["replay"] != nil else { continue }
            out.append(try logLineMessage(object, file: file, label: "line \(index + 1)"))
        }
        guard !out.isEmpty else {
            let found = sawJSON ? "JSON log lines, but none with a replay record" : "no JSON"
            throw ReplayError(.unrecognised, file: file, "holds \(found); \(expected)")
        }
        return out
    }

    /// The producer's `logReplay` line: `replay.headers`, `replay.body_base64`, `replay.body_sha256`, and the
    /// `reason`. The message gets the attributes the producer would have given it.
    static func logLineMessage(
        _ object: [String: Any],
        file: String,
        label: String
    ) throws(ReplayError) -> ReplayMessage {
        guard let replay = object["replay"] as? [String: Any] else {
            throw ReplayError(.invalidLogLine, file: file, "\(label): replay is not an object")
        }
        guard let encoded = replay["body_base64"] as? String else {
            throw ReplayError(.invalidLogLine, file: file, "\(label): replay has no body_base64")
        }
        guard let raw = Data(base64Encoded: encoded) else {
            throw ReplayError(
                .invalidLogLine,
                file: file,
                "\(label): replay.body_base64 is not base64 (was the line cut?)"
            )
        }
        let bytes = [UInt8](raw)
        if let expected = replay["body_sha256"] as? String, expected.lowercased() != Hex.encode(Digest.sha256(bytes)) {
            throw ReplayError(
                .invalidLogLine,
                file: file,
                "\(label): the body does not match replay.body_sha256 (the line was altered or truncated)"
            )
        }
        var headers: [String: String] = [:]
        if let raw = replay["headers"] {
            guard let given = raw as? [String: Any] else {
                throw ReplayError(.invalidLogLine, file: file, "\(label): replay.headers is not an object")
            }
            for (name, value) in given { headers[name.lowercased()] = (value as? String) ?? "\(value)" }
        }
        let requestID = object["sentry_request_id"] as? String ?? headers["request-id"]
        // As the producer enqueues it: plain, or base64 / gzip+base64 with `body_encoding` when SQS cannot carry
        // the body as text (U+FFFE, bytes that are not UTF-8, over 1 MiB).
        guard let encoded = SQSMessageBody.encode(bytes, attributes: producerAttributes(headers: headers, body: bytes))
        else {
            throw ReplayError(
                .invalidLogLine,
                file: file,
                "\(label): the body does not fit in one SQS message even gzipped"
            )
        }
        var message = ReplayMessage(
            body: encoded.body,
            attributes: encoded.attributes.mapValues { .string($0) },
            source: "\(file): \(label)" + (requestID.map { " (Sentry request \($0))" } ?? ""),
            delivery: ReplayDelivery(headers: headers, rawBody: bytes)
        )
        if let reason = object["reason"] as? String { message.notes.append("the producer logged: \(reason)") }
        if let encoding = encoded.encoding {
            message.notes.append("enqueued with body_encoding=\(encoding.rawValue): SQS cannot carry the body as text")
        }
        return message
    }

    /// The message attributes the producer gives a webhook it enqueues (`WebhookHandler.attributes`): the
    /// resource, the alert type (the body's `action`), Sentry's request id and hook timestamp; empty ones left out.
    static func producerAttributes(headers: [String: String], body: [UInt8]) -> [String: String] {
        var attributes: [String: String] = [
            "resource": headers["sentry-hook-resource"]?.trimmingCharacters(in: .whitespaces) ?? ""
        ]
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let action = object["action"] as? String
        {
            attributes["alert_type"] = action
        }
        attributes["request_id"] = headers["request-id"]
        attributes["hook_timestamp"] = headers["sentry-hook-timestamp"]
        return attributes.filter { !$0.value.isEmpty }
    }
}
