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
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
