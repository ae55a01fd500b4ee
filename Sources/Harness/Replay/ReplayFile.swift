import AWSClient
import Foundation

/// Reads what an on-call engineer has in hand after a production failure and turns it into messages to replay:
///
/// - the output of `aws sqs receive-message --output json` (`{"Messages":[…]}`), a bare `[Message…]` array or
///   one message object (`jq '.Messages[0]'`), with `MessageAttributes` (`StringValue`, `BinaryValue` in base64,
///   `DataType`) and system `Attributes`;
/// - the producer's replay log line(s) (`"webhook not enqueued; replay it from this line"`: JSON with
///   `replay.body_base64` and `replay.headers`), one a line, other lines ignored, a prefix before the JSON
///   (a timestamp, a log stream name) tolerated; or `aws logs filter-log-events --output json` holding them;
/// - `devstack dlq list --json` (the emulator's message view).
///
/// Anything else is a `ReplayError` that names the file and what was expected.
package enum ReplayFile {
    static let expected =
        "expected the JSON of `aws sqs receive-message --output json` (Messages[] with Body), a [Message…] array, "
        + "or the producer's replay log line (JSON with replay.body_base64)"

    package static func load(_ data: Data) throws(ReplayError) -> [ReplayMessage] {
        try load(data, file: "input")
    }

    /// Reads one file's content; `file` names it in sources and errors.
    package static func load(_ data: Data, file: String) throws(ReplayError) -> [ReplayMessage] {
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw ReplayError(.noMessages, file: file, "is empty; \(expected)")
        }
        if let document = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) {
            return try messages(inDocument: document, file: file)
        }
        return try messages(inLogLines: text, file: file)
    }

    /// Reads several files in order; the first unreadable or malformed one stops everything (nothing is sent).
    package static func load(files paths: [String]) throws(ReplayError) -> [ReplayMessage] {
        var all: [ReplayMessage] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ReplayError(.unreadable, file: path, "cannot be read (missing, a folder, or no permission)")
            }
            all += try load(data, file: path)
        }
        return all
    }

    static func messages(inDocument document: Any, file: String) throws(ReplayError) -> [ReplayMessage] {
        if let array = document as? [Any] {
            guard !array.isEmpty else { throw ReplayError(.noMessages, file: file, "is an empty array; \(expected)") }
            var out: [ReplayMessage] = []
            for (index, element) in array.enumerated() {
                guard let object = element as? [String: Any] else {
                    throw ReplayError(
                        .unrecognised,
                        file: file,
                        "element \(index + 1) of the array is not an object; \(expected)"
                    )
                }
                out += try messages(inObject: object, file: file, position: index + 1)
            }
            return out
        }
        guard let object = document as? [String: Any] else {
            throw ReplayError(.unrecognised, file: file, "is JSON but not an object or array; \(expected)")
        }
        return try messages(inObject: object, file: file, position: nil)
    }

    static func messages(
        inObject object: [String: Any],
        file: String,
        position: Int?
    ) throws(ReplayError) -> [ReplayMessage] {
        let label = position.map { "message \($0)" }
        if let list = object["Messages"] {
            guard let list = list as? [Any] else {
                throw ReplayError(.invalidMessage, file: file, "Messages is not an array")
            }
            guard !list.isEmpty else {
                throw ReplayError(.noMessages, file: file, "receive-message returned no messages (Messages is empty)")
            }
            return try sqsMessages(list, file: file)
        }
        if let list = object["messages"] as? [Any] {
            guard !list.isEmpty else { throw ReplayError(.noMessages, file: file, "the queue view lists no messages") }
            var out: [ReplayMessage] = []
            for (index, element) in list.enumerated() {
                guard let message = element as? [String: Any] else {
                    throw ReplayError(.invalidMessage, file: file, "messages[\(index)] is not an object")
                }
                out.append(try adminMessage(message, file: file, label: "message \(index + 1)"))
            }
            return out
        }
        if let events = object["events"] as? [Any] {
            let lines = events.compactMap { ($0 as? [String: Any])?["message"] as? String }
            return try messages(inLogLines: lines.joined(separator: "\n"), file: file)
        }
        if object["replay"] != nil {
            return [try logLineMessage(object, file: file, label: label ?? "replay line")]
        }
        if object["Body"] != nil {
            return [try sqsMessage(object, file: file, label: label ?? "message 1")]
        }
        if object["body"] != nil, object["messageId"] != nil {
            return [try adminMessage(object, file: file, label: label ?? "message 1")]
        }
        if object.isEmpty {
            throw ReplayError(.noMessages, file: file, "is {} (receive-message found no messages); \(expected)")
        }
        let keys = object.keys.sorted().prefix(8).joined(separator: ", ")
        throw ReplayError(
            .unrecognised,
            file: file,
            "\(label.map { "\($0) " } ?? "")has keys [\(keys)]; \(expected)"
        )
    }
}
