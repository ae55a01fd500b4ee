import Foundation

/// Asana's rich text rules for `html_notes` and `html_text`: well-formed XML whose root is `<body>`, only the tags
/// Asana accepts, attributes quoted, `&` only as an entity.
package enum HTMLNotes {
    static let allowedTags: Set<String> = [
        "body", "strong", "em", "u", "s", "code", "pre", "ol", "ul", "li", "a", "blockquote", "h1", "h2", "hr",
        "img", "table", "tr", "td", "br",
    ]
    static let entities: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// `nil` when `text` is acceptable, else why not (e.g. `"unclosed tag <strong>"`).
    package static func problem(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var index = 0
        var stack: [String] = []
        var sawRoot = false
        func skipSpace() {
            while index < bytes.count,
                bytes[index] == 0x20 || bytes[index] == 0x0a || bytes[index] == 0x09 || bytes[index] == 0x0d
            { index += 1 }
        }
        skipSpace()
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else {
                    return "unterminated tag"
                }
                var inner = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                index = close + 1
                if inner.hasPrefix("/") {
                    let name = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)
                    guard let open = stack.popLast() else { return "closing tag </\(name)> without an opening tag" }
                    guard open == name else { return "expected </\(open)> but found </\(name)>" }
                    if stack.isEmpty {
                        skipSpace()
                        if index < bytes.count { return "content after </body>" }
                    }
                    continue
                }
                let selfClosing = inner.hasSuffix("/")
                if selfClosing { inner.removeLast() }
                let parts = inner.split(separator: " ", maxSplits: 1)
                guard let first = parts.first, !first.isEmpty else { return "empty tag" }
                let name = String(first)
                guard allowedTags.contains(name) else { return "tag <\(name)> is not allowed" }
                if let attributes = parts.dropFirst().first, let problem = attributeProblem(String(attributes)) {
                    return problem
                }
                if stack.isEmpty {
                    guard name == "body", !sawRoot else { return "the root element must be <body>" }
                    sawRoot = true
                }
                if !selfClosing { stack.append(name) }
            } else if stack.isEmpty {
                return "text outside <body>"
            } else if byte == UInt8(ascii: "&") {
                guard let end = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                    return "unescaped '&' (write &amp;)"
                }
                let entity = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                guard entities.contains(entity) || (entity.hasPrefix("#") && entity.count > 1) else {
                    return "unknown entity &\(entity);"
                }
                index = end + 1
            } else if byte == UInt8(ascii: ">") {
                return "unescaped '>' (write &gt;)"
            } else {
                index += 1
            }
        }
        if let open = stack.last { return "unclosed tag <\(open)>" }
        if !sawRoot { return "the root element must be <body>" }
        return nil
    }

    private static func attributeProblem(_ text: String) -> String? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        while !rest.isEmpty {
            guard let equals = rest.firstIndex(of: "=") else { return "attribute without a value" }
            rest = rest[rest.index(after: equals)...]
            guard let quote = rest.first, quote == "\"" || quote == "'" else { return "attribute value not quoted" }
            rest = rest.dropFirst()
            guard let end = rest.firstIndex(of: quote) else { return "attribute value not closed" }
            rest = rest[rest.index(after: end)...].drop { $0 == " " }
        }
        return nil
    }

    /// Escapes plain text for use inside `<body>`.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The plain text of valid rich text (tags dropped, entities decoded), as Asana fills `notes` from it.
    package static func plainText(_ html: String) -> String {
        var out = ""
        var inTag = false
        for character in html {
            if character == "<" {
                inTag = true
                continue
            }
            if character == ">" {
                inTag = false
                continue
            }
            if !inTag { out.append(character) }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
