import AWSClient
import Foundation
import Hashing

extension ReplayFile {
    /// System attributes `SendMessage` accepts again as `MessageSystemAttributes`.
    static let restorableSystemAttributes: Set<String> = ["AWSTraceHeader"]

    static func sqsMessages(_ list: [Any], file: String) throws(ReplayError) -> [ReplayMessage] {
        var out: [ReplayMessage] = []
        for (index, element) in list.enumerated() {
            guard let object = element as? [String: Any] else {
                throw ReplayError(.invalidMessage, file: file, "Messages[\(index)] is not an object")
            }
            out.append(try sqsMessage(object, file: file, label: "message \(index + 1)"))
        }
        return out
    }

    /// One message as `receive-message` prints it.
    static func sqsMessage(_ object: [String: Any], file: String, label: String) throws(ReplayError) -> ReplayMessage {
        let id = object["MessageId"] as? String
        let name = id.map { "\(label) (id \($0))" } ?? label
        guard let body = object["Body"] as? String else {
            throw ReplayError(.invalidMessage, file: file, "\(name) has no Body string")
        }
        var message = ReplayMessage(body: body, source: "\(file): \(name)", originalMessageID: id)
        if let raw = object["MessageAttributes"] {
            guard let attributes = raw as? [String: Any] else {
                throw ReplayError(.invalidAttribute, file: file, "\(name): MessageAttributes is not an object")
            }
            for (key, value) in attributes {
                message.attributes[key] = try attribute(value, name: key, file: file, message: name, style: .aws)
            }
        }
        if let raw = object["Attributes"] {
            guard let system = raw as? [String: Any] else {
                throw ReplayError(.invalidMessage, file: file, "\(name): Attributes is not an object")
            }
            for (key, value) in system {
                let text = (value as? String) ?? "\(value)"
                if restorableSystemAttributes.contains(key) {
                    message.systemAttributes[key] = .string(text)
                } else if key == "MessageGroupId" {
                    message.messageGroupID = text
                } else {
                    message.unrestorable[key] = text
                }
            }
        }
        if let md5 = object["MD5OfBody"] as? String, md5.lowercased() != Hex.encode(Digest.md5(Array(body.utf8))) {
            message.notes.append(
                "the body differs from the one SQS delivered (MD5OfBody does not match): replaying the edited body"
            )
        }
        return message
    }

    /// One message as the emulator's `/_devstack/sqs/queues/NAME/messages` shows it (`devstack dlq list --json`).
    static func adminMessage(_ object: [String: Any], file: String, label: String) throws(ReplayError) -> ReplayMessage
    {
        let id = object["messageId"] as? String
        let name = id.map { "\(label) (id \($0))" } ?? label
        guard let body = object["body"] as? String else {
            throw ReplayError(.invalidMessage, file: file, "\(name) has no body string")
        }
        var message = ReplayMessage(body: body, source: "\(file): \(name)", originalMessageID: id)
        if let raw = object["messageAttributes"] {
            guard let attributes = raw as? [String: Any] else {
                throw ReplayError(.invalidAttribute, file: file, "\(name): messageAttributes is not an object")
            }
            for (key, value) in attributes {
                message.attributes[key] = try attribute(value, name: key, file: file, message: name, style: .devstack)
            }
        }
        if let count = object["receiveCount"] { message.unrestorable["ApproximateReceiveCount"] = "\(count)" }
        if let sent = object["sentTimestamp"] { message.unrestorable["SentTimestamp"] = "\(sent)" }
        if let group = object["messageGroupId"] as? String { message.messageGroupID = group }
        return message
    }

    enum AttributeStyle {
        /// `DataType`, `StringValue`, `BinaryValue` (the AWS CLI).
        case aws
        /// `dataType`, `stringValue`, `binaryValue` (devstack's JSON).
        case devstack
    }

    static func attribute(
        _ value: Any,
        name: String,
        file: String,
        message: String,
        style: AttributeStyle
    ) throws(ReplayError) -> SQSMessageAttributeValue {
        let keys =
            style == .aws ? ("DataType", "StringValue", "BinaryValue") : ("dataType", "stringValue", "binaryValue")
        let what = "\(message): message attribute '\(name)'"
        guard let object = value as? [String: Any] else {
            throw ReplayError(.invalidAttribute, file: file, "\(what) is not an object")
        }
        guard let dataType = object[keys.0] as? String, !dataType.isEmpty else {
            throw ReplayError(.invalidAttribute, file: file, "\(what) has no \(keys.0)")
        }
        for listKey in ["StringListValues", "BinaryListValues"] {
            if let list = object[listKey] as? [Any], !list.isEmpty {
                throw ReplayError(
                    .invalidAttribute,
                    file: file,
                    "\(what) has \(listKey), which SQS does not support (reserved)"
                )
            }
        }
        let base = dataType.split(separator: ".", maxSplits: 1).first.map(String.init) ?? dataType
        switch base {
        case "String", "Number":
            guard let text = object[keys.1] as? String else {
                throw ReplayError(.invalidAttribute, file: file, "\(what) is a \(dataType) without \(keys.1)")
            }
            return SQSMessageAttributeValue(dataType: dataType, stringValue: text)
        case "Binary":
            guard let encoded = object[keys.2] as? String else {
                throw ReplayError(.invalidAttribute, file: file, "\(what) is a \(dataType) without \(keys.2)")
            }
            guard let data = Data(base64Encoded: encoded) else {
                throw ReplayError(.invalidAttribute, file: file, "\(what): \(keys.2) is not base64")
            }
            return SQSMessageAttributeValue(dataType: dataType, binaryValue: data)
        default:
            throw ReplayError(
                .invalidAttribute,
                file: file,
                "\(what) has \(keys.0) '\(dataType)'; expected String, Number or Binary (optionally .label)"
            )
        }
    }
}
