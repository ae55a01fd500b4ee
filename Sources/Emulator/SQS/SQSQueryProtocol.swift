import Foundation

/// SQS over the query protocol (older SDKs): flattened form parameters in, XML out. Inputs are turned into the
/// JSON protocol's shapes and outputs rendered from them, so both protocols share one implementation.
package enum SQSQueryProtocol {
    package static let namespace = "http://queue.amazonaws.com/doc/2012-11-05/"

    // MARK: Input

    /// `Attribute.1.Name=…&Attribute.1.Value=…` → `["Attributes": [name: value]]`, and so on for every list and
    /// map SQS uses. A list index is a whole number from 1 (`Tag.1`, `SendMessageBatchRequestEntry.3.Id`); indexes
    /// need not be contiguous (members are taken in index order, as a sparse list reads), but `0`, `01`, `-1` or
    /// `x` are no index: such a key is refused as `MalformedQueryString` rather than quietly dropped, since a
    /// dropped batch entry would be a message silently not sent.
    package static func input(_ parameters: [String: String]) throws(AWSError) -> JSONInput {
        JSONInput(try structure(parameters))
    }

    static func structure(_ parameters: [String: String], path: String = "") throws(AWSError) -> [String: Any] {
        var out: [String: Any] = [:]
        var grouped: [String: [String: String]] = [:]
        for (key, value) in parameters {
            if let dot = key.firstIndex(of: ".") {
                grouped[String(key[..<dot]), default: [:]][String(key[key.index(after: dot)...])] = value
            } else {
                out[key] = value
            }
        }
        for (prefix, rest) in grouped {
            guard listPrefixes.contains(prefix) else {
                out[prefix] = rest
                continue
            }
            let items = try indexed(rest, path: path + prefix)
            switch prefix {
            case "Attribute":
                out["Attributes"] = pairs(items, key: "Name", value: "Value")
            case "Tag", "Tags":
                let tags = pairs(items, key: "Key", value: "Value")
                out["tags"] = tags
                out["Tags"] = tags
            case "AttributeName": out["AttributeNames"] = items.map { $0[""] ?? "" }
            case "MessageSystemAttributeName": out["MessageSystemAttributeNames"] = items.map { $0[""] ?? "" }
            case "MessageAttributeName": out["MessageAttributeNames"] = items.map { $0[""] ?? "" }
            case "TagKey", "TagKeys": out["TagKeys"] = items.map { $0[""] ?? "" }
            case "AWSAccountId": out["AWSAccountIds"] = items.map { $0[""] ?? "" }
            case "ActionName": out["Actions"] = items.map { $0[""] ?? "" }
            case "MessageAttribute": out["MessageAttributes"] = messageAttributes(items)
            case "MessageSystemAttribute": out["MessageSystemAttributes"] = messageAttributes(items)
            case "SendMessageBatchRequestEntry", "DeleteMessageBatchRequestEntry",
                "ChangeMessageVisibilityBatchRequestEntry":
                var entries: [[String: Any]] = []
                for (offset, item) in items.enumerated() {
                    entries.append(try structure(item, path: "\(path)\(prefix).\(offset + 1)."))
                }
                out["Entries"] = entries
            default:
                out[prefix] = rest
            }
        }
        return out
    }

    /// The flattened lists and maps SQS's query protocol uses, by their parameter prefix.
    static let listPrefixes: Set<String> = [
        "Attribute", "Tag", "Tags", "AttributeName", "MessageSystemAttributeName", "MessageAttributeName", "TagKey",
        "TagKeys", "AWSAccountId", "ActionName", "MessageAttribute", "MessageSystemAttribute",
        "SendMessageBatchRequestEntry", "DeleteMessageBatchRequestEntry", "ChangeMessageVisibilityBatchRequestEntry",
    ]

    /// `1.Name=a&1.Value=b&2.Name=…` → `[["Name": "a", "Value": "b"], …]` ordered by index; a bare `1=x`
    /// becomes `["": "x"]`.
    static func indexed(_ rest: [String: String], path: String) throws(AWSError) -> [[String: String]] {
        var byIndex: [Int: [String: String]] = [:]
        for (key, value) in rest {
            let parts = key.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let text = parts.first ?? ""
            guard let first = text.first, first != "0", text.allSatisfy({ $0.isASCII && $0.isWholeNumber }),
                text.count <= 9, let index = Int(text)
            else {
                throw AWSError.malformedInput(
                    "The parameter \(path).\(key) has no valid list index: indexes are whole numbers from 1."
                )
            }
            byIndex[index, default: [:]][parts.count > 1 ? String(parts[1]) : ""] = value
        }
        return byIndex.keys.sorted().map { byIndex[$0]! }
    }

    static func pairs(_ items: [[String: String]], key: String, value: String) -> [String: String] {
        var out: [String: String] = [:]
        for item in items {
            if let name = item[key] { out[name] = item[value] ?? "" }
        }
        return out
    }

    static func messageAttributes(_ items: [[String: String]]) -> [String: Any] {
        var out: [String: Any] = [:]
        for item in items {
            guard let name = item["Name"] else { continue }
            var value: [String: Any] = [:]
            if let type = item["Value.DataType"] { value["DataType"] = type }
            if let text = item["Value.StringValue"] { value["StringValue"] = text }
            if let binary = item["Value.BinaryValue"] { value["BinaryValue"] = binary }
            out[name] = value
        }
        return out
    }

    // MARK: Output

    /// The XML answer of `action` for its JSON-shaped `output`.
    package static func response(action: String, output: [String: Any], requestID: String) -> String {
        var xml = XMLWriter()
        xml.prolog()
        xml.open("\(action)Response", attributes: "xmlns=\"\(namespace)\"")
        if !emptyResults.contains(action) {
            xml.element("\(action)Result") { result in
                render(output, action: action, into: &result)
            }
        }
        xml.element("ResponseMetadata") { $0.element("RequestId", requestID) }
        xml.close("\(action)Response")
        return xml.text
    }

    static let emptyResults: Set<String> = [
        "DeleteQueue", "SetQueueAttributes", "TagQueue", "UntagQueue", "PurgeQueue", "DeleteMessage",
        "ChangeMessageVisibility", "AddPermission", "RemovePermission",
    ]

    static func render(_ output: [String: Any], action: String, into xml: inout XMLWriter) {
        for key in output.keys.sorted() {
            let value = output[key]!
            switch key {
            case "QueueUrls", "queueUrls":
                for url in value as? [String] ?? [] { xml.element("QueueUrl", url) }
            case "Attributes":
                for (name, text) in (value as? [String: String] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    xml.element("Attribute") { item in
                        item.element("Name", name)
                        item.element("Value", text)
                    }
                }
            case "Tags":
                for (name, text) in (value as? [String: String] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    xml.element("Tag") { item in
                        item.element("Key", name)
                        item.element("Value", text)
                    }
                }
            case "MessageAttributes":
                for (name, attribute) in (value as? [String: [String: Any]] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    xml.element("MessageAttribute") { item in
                        item.element("Name", name)
                        item.element("Value") { inner in
                            for field in ["StringValue", "BinaryValue", "DataType"] {
                                if let text = attribute[field] as? String { inner.element(field, text) }
                            }
                        }
                    }
                }
            case "Messages":
                for message in value as? [[String: Any]] ?? [] {
                    xml.element("Message") { render(message, action: action, into: &$0) }
                }
            case "Successful":
                for entry in value as? [[String: Any]] ?? [] {
                    xml.element("\(action)ResultEntry") { render(entry, action: action, into: &$0) }
                }
            case "Failed":
                for entry in value as? [[String: Any]] ?? [] {
                    xml.element("BatchResultErrorEntry") { render(entry, action: action, into: &$0) }
                }
            case "Results":
                for entry in value as? [[String: Any]] ?? [] {
                    xml.element("ListMessageMoveTasksResultEntry") { render(entry, action: action, into: &$0) }
                }
            default:
                xml.element(key, scalar(value))
            }
        }
    }

    static func scalar(_ value: Any) -> String {
        switch value {
        case let text as String: return text
        case let number as Int: return String(number)
        case let number as Int64: return String(number)
        case let flag as Bool: return flag ? "true" : "false"
        case let number as NSNumber: return number.stringValue
        default: return "\(value)"
        }
    }

    /// `<ErrorResponse>` for an error.
    package static func error(_ error: AWSError, namespace: String = namespace, requestID: String) -> String {
        var xml = XMLWriter()
        xml.prolog()
        xml.open("ErrorResponse", attributes: "xmlns=\"\(namespace)\"")
        xml.element("Error") { inner in
            inner.element("Type", error.fault.rawValue)
            inner.element("Code", error.queryCode)
            inner.element("Message", error.message)
            inner.open("Detail")
            inner.close("Detail")
        }
        xml.element("RequestId", requestID)
        xml.close("ErrorResponse")
        return xml.text
    }
}
