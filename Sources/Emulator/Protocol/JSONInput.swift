import Foundation

/// A decoded JSON request body (AWS JSON 1.0/1.1) or the same shape built from query-protocol parameters, with
/// typed getters that fail with AWS's validation error instead of trapping.
/// `@unchecked`: `fields` holds only JSON values (strings, numbers, `NSNull`, arrays and dictionaries of
/// them), which are values or immutable objects, so a copy can be read on any thread.
package struct JSONInput: @unchecked Sendable {
    package var fields: [String: Any]

    package init(_ fields: [String: Any] = [:]) {
        self.fields = fields
    }

    /// Parses a JSON object body; an empty body is an empty object, as the SDKs send `{}`.
    package init(body: [UInt8]) throws(AWSError) {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }) {
            self.init()
            return
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            throw AWSError.malformedInput("The request body is not valid JSON.")
        }
        guard let fields = object as? [String: Any] else {
            throw AWSError.malformedInput("The request body must be a JSON object.")
        }
        self.init(fields)
    }

    package func has(_ name: String) -> Bool { fields[name] != nil && !(fields[name] is NSNull) }

    package func string(_ name: String) throws(AWSError) -> String? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw wrongType(name, "string") }
        return text
    }

    package func requiredString(_ name: String) throws(AWSError) -> String {
        guard let value = try string(name) else { throw AWSError.missingParameter(name) }
        return value
    }

    /// An integer given as a JSON number, or as the decimal string the query protocol carries.
    package func int(_ name: String) throws(AWSError) -> Int? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        if let number = value as? NSNumber, !Self.isBoolean(number) {
            let double = number.doubleValue
            guard double.rounded() == double, abs(double) < 1e15 else { throw wrongType(name, "integer") }
            return Int(double)
        }
        if let text = value as? String, let number = Int(text) { return number }
        throw wrongType(name, "integer")
    }

    /// JSON `true`/`false` (an NSNumber of type char); `0` and `1` are numbers, not booleans.
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    package func bool(_ name: String) throws(AWSError) -> Bool? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        if let number = value as? NSNumber, Self.isBoolean(number) { return number.boolValue }
        if let flag = value as? Bool { return flag }
        if let text = value as? String {
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        throw wrongType(name, "boolean")
    }

    package func stringList(_ name: String) throws(AWSError) -> [String]? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        guard let list = value as? [Any] else { throw wrongType(name, "list of strings") }
        var out: [String] = []
        for item in list {
            guard let text = item as? String else { throw wrongType(name, "list of strings") }
            out.append(text)
        }
        return out
    }

    package func stringMap(_ name: String) throws(AWSError) -> [String: String]? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        guard let map = value as? [String: Any] else { throw wrongType(name, "map of strings") }
        var out: [String: String] = [:]
        for (key, item) in map {
            guard let text = item as? String else { throw wrongType(name, "map of strings") }
            out[key] = text
        }
        return out
    }

    package func object(_ name: String) throws(AWSError) -> JSONInput? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        guard let map = value as? [String: Any] else { throw wrongType(name, "structure") }
        return JSONInput(map)
    }

    package func objectMap(_ name: String) throws(AWSError) -> [String: JSONInput]? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        guard let map = value as? [String: Any] else { throw wrongType(name, "map") }
        var out: [String: JSONInput] = [:]
        for (key, item) in map {
            guard let inner = item as? [String: Any] else { throw wrongType(name, "map of structures") }
            out[key] = JSONInput(inner)
        }
        return out
    }

    package func objectList(_ name: String) throws(AWSError) -> [JSONInput]? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        guard let list = value as? [Any] else { throw wrongType(name, "list of structures") }
        var out: [JSONInput] = []
        for item in list {
            guard let inner = item as? [String: Any] else { throw wrongType(name, "list of structures") }
            out.append(JSONInput(inner))
        }
        return out
    }

    private func wrongType(_ name: String, _ expected: String) -> AWSError {
        AWSError(
            "SerializationException",
            queryCode: "InvalidParameterValue",
            "Value for parameter \(name) is invalid: expected a \(expected)."
        )
    }
}

/// JSON output helpers.
package enum JSONOutput {
    package static func encode(_ object: [String: Any]) -> [UInt8] {
        if let bytes = JSONBytesWriter.encode(object) { return bytes }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])
        else { return Array("{}".utf8) }
        return Array(data)
    }
}
