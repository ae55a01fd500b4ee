/// Builds the XML of query-protocol answers.
package struct XMLWriter {
    package private(set) var text = ""

    package init() {}

    package mutating func prolog() { text += "<?xml version=\"1.0\"?>" }

    package mutating func open(_ name: String, attributes: String = "") {
        text += attributes.isEmpty ? "<\(name)>" : "<\(name) \(attributes)>"
    }

    package mutating func close(_ name: String) { text += "</\(name)>" }

    package mutating func element(_ name: String, _ value: String) {
        text += "<\(name)>\(Self.escape(value))</\(name)>"
    }

    package mutating func element(_ name: String, _ body: (inout XMLWriter) -> Void) {
        open(name)
        body(&self)
        close(name)
    }

    /// XML 1.0 text or attribute value: the five entities, `\r` as a character reference (so it survives a
    /// parser's line-end normalisation), and the characters XML 1.0 cannot carry (other C0 controls, U+FFFE,
    /// U+FFFF) dropped. SQS refuses such characters in a message, so an answer never loses one.
    package static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#xD;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
