/// Byte-level helpers for the ASCII text SigV4 works on (header names, the `Authorization` header, scopes).
///
/// Swift's `String` operations work on grapheme clusters; over a few hundred bytes of headers per request that
/// was most of the emulator's CPU time per call (Benchmarks/README.md). Everything here reads UTF-8 bytes and
/// treats only ASCII letters specially, which is what SigV4 specifies: header names are lower-cased in ASCII.
package enum ASCII {
    /// `text` with ASCII `A`–`Z` lower-cased; every other byte kept.
    package static func lowercased(_ text: some StringProtocol) -> String {
        guard text.utf8.contains(where: isUpper) else { return String(text) }
        return String(decoding: text.utf8.map(lower), as: UTF8.self)
    }

    /// Whether `lhs` and `rhs` are equal when ASCII letters are compared without case.
    package static func equalsIgnoringCase(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        return zip(lhs.utf8, rhs.utf8).allSatisfy { lower($0) == lower($1) }
    }

    /// The same for two `String`s, the case of every header lookup. Written out because the generic version
    /// above is not specialised across the module boundary: called through `some StringProtocol`, each
    /// comparison looked up generic metadata and walked a `Zip2Sequence` through witness tables, about 9 % of
    /// the emulator's instructions per SendMessage (callgrind, Benchmarks/README.md).
    package static func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let a?, let b?) where lower(a) == lower(b): continue
            default: return false
            }
        }
    }

    /// Whether `lhs` sorts before `rhs` by their UTF-8 bytes (the order SigV4 sorts names and values in).
    package static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// `text` split at every `separator` byte (empty pieces kept), each piece a `Substring`.
    package static func split(_ text: Substring, at separator: UInt8) -> [Substring] {
        text.utf8.split(separator: separator, omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// `text` without leading and trailing spaces, tabs, CR and LF.
    package static func trimmed(_ text: Substring) -> Substring {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return text[text.endIndex...] }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        return Substring(utf8[first...last])
    }

    static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }

    static func lower(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }
}
