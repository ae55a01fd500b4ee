import AWSClient
import Foundation

/// The checks SQS makes on what is sent, with its error codes and messages.
package enum SQSMessageValidation {
    /// Only these characters may appear in a body: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD |
    /// #x10000 to #x10FFFF.
    package static func checkBody(_ body: String) throws(AWSError) {
        guard !body.isEmpty else { throw AWSError.missingParameter("MessageBody") }
        for scalar in body.unicodeScalars {
            let value = scalar.value
            let allowed =
                value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
            if !allowed {
                throw AWSError(
                    "InvalidMessageContents",
                    "Invalid binary character '#x\(String(value, radix: 16, uppercase: true))' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF"
                )
            }
        }
    }

    /// Parses and checks a `MessageAttributes` map (JSON shape: name → {DataType, StringValue, BinaryValue}).
    package static func attributes(
        _ raw: [String: JSONInput]?,
        system: Bool = false
    ) throws(AWSError)
        -> [String: SQSMessageAttributeValue]
    {
        guard let raw else { return [:] }
        let kind = system ? "system" : "user"
        guard raw.count <= 10 else {
            throw AWSError.invalidParameterValue(
                "Number of message attributes [\(raw.count)] exceeds the allowed maximum [10]."
            )
        }
        var out: [String: SQSMessageAttributeValue] = [:]
        for (name, value) in raw {
            try checkName(name, kind: kind, system: system)
            guard let dataType = try value.string("DataType"), !dataType.isEmpty else {
                throw AWSError.invalidParameterValue(
                    "The message attribute '\(name)' must contain non-empty message attribute type."
                )
            }
            let base = dataType.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
            guard ["String", "Number", "Binary"].contains(base), dataType.count <= 256 else {
                throw AWSError.invalidParameterValue(
                    "The type of message (\(kind)) attribute '\(name)' is invalid. You must use only the following supported type prefixes: Binary, Number, String."
                )
            }
            if base == "Binary" {
                guard let encoded = try value.string("BinaryValue"), let data = Data(base64Encoded: encoded),
                    !data.isEmpty
                else {
                    throw AWSError.invalidParameterValue(
                        "The message attribute '\(name)' must contain non-empty message attribute value for message attribute type '\(dataType)'."
                    )
                }
                out[name] = SQSMessageAttributeValue(dataType: dataType, binaryValue: data)
            } else {
                guard let text = try value.string("StringValue"), !text.isEmpty else {
                    throw AWSError.invalidParameterValue(
                        "The message attribute '\(name)' must contain non-empty message attribute value for message attribute type '\(dataType)'."
                    )
                }
                if base == "Number", Decimal(string: text) == nil || Double(text) == nil {
                    throw AWSError.invalidParameterValue(
                        "Can't cast the value of message (\(kind)) attribute '\(name)' to a number."
                    )
                }
                if base == "Number", !Self.isSQSNumber(text) {
                    throw AWSError.invalidParameterValue(
                        "The message attribute '\(name)' of type Number must have at most 38 digits of precision and lie between 10^-128 and 10^+126."
                    )
                }
                try checkBody(text)
                out[name] = SQSMessageAttributeValue(dataType: dataType, stringValue: text)
            }
        }
        return out
    }

    /// SQS's Number: up to 38 significant digits, its magnitude 0 or from 10^-128 to 10^+126.
    static func isSQSNumber(_ text: String) -> Bool {
        var mantissa = Substring(text)
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) { mantissa = mantissa[..<e] }
        let digits = mantissa.filter(\.isWholeNumber).drop { $0 == "0" }
        let significant = digits.reversed().drop { $0 == "0" && mantissa.contains(".") }.count
        guard significant <= 38, let value = Double(text), value.isFinite else { return false }
        let magnitude = abs(value)
        return magnitude == 0 || (magnitude >= 1e-128 && magnitude <= 1e126)
    }

    private static func checkName(_ name: String, kind: String, system: Bool) throws(AWSError) {
        if system {
            guard name == "AWSTraceHeader" else {
                throw AWSError.invalidParameterValue("Message system attribute name '\(name)' is invalid.")
            }
            return
        }
        let allowed = name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-" || $0 == "."
        }
        let lowered = name.lowercased()
        guard !name.isEmpty, name.count <= 256, allowed, !name.hasPrefix("."), !name.hasSuffix("."),
            !name.contains(".."), !lowered.hasPrefix("aws."), !lowered.hasPrefix("amazon.")
        else {
            throw AWSError.invalidParameterValue(
                "Message (\(kind)) attribute name '\(name)' is invalid. The attribute name can contain alphanumeric characters and the underscore (_), hyphen (-), and period (.) and must not start or end with a period, have consecutive periods, or start with AWS. or Amazon."
            )
        }
    }

    /// The size SQS counts against `MaximumMessageSize`: the body plus every attribute's name, type and value.
    package static func size(body: String, attributes: [String: SQSMessageAttributeValue]) -> Int {
        var total = body.utf8.count
        for (name, value) in attributes {
            total += name.utf8.count + value.dataType.utf8.count
            total += value.stringValue?.utf8.count ?? value.binaryValue?.count ?? 0
        }
        return total
    }
}
