import Foundation

/// Durations as people type them on the command line: `155` (seconds), `90s`, `2m`, `1h30m`, `1.5s`, `250ms`,
/// `1d`. Units `d`, `h`, `m`, `s`, `ms`, each at most once, largest first; at least one number; nothing negative.
package enum DurationText {
    package struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        package var input: String
        package var problem: String
        package var description: String {
            "'\(input)' is not a duration: \(problem) (examples: 155, 90s, 2m, 1h30m, 250ms)"
        }
    }

    static let units: [(suffix: String, seconds: Double)] = [
        ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1), ("ms", 0.001),
    ]

    /// The duration in seconds.
    package static func seconds(_ input: String) throws(ParseError) -> Double {
        let text = input.trimmingCharacters(in: .whitespaces).lowercased()
        func fail(_ problem: String) -> ParseError { ParseError(input: input, problem: problem) }
        guard !text.isEmpty else { throw fail("it is empty") }
        if let plain = Double(text) {
            guard plain.isFinite, plain >= 0, text.first != "+" else { throw fail("it must be a number >= 0") }
            return plain
        }
        var total = 0.0
        var lastRank = -1
        var rest = Substring(text)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty else { throw fail("expected a number at '\(rest)'") }
            guard let value = Double(number) else { throw fail("'\(number)' is not a number") }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            guard !unit.isEmpty else { throw fail("'\(number)' has no unit (d, h, m, s or ms)") }
            guard let rank = units.firstIndex(where: { $0.suffix == unit }) else {
                throw fail("unknown unit '\(unit)' (d, h, m, s or ms)")
            }
            guard rank > lastRank else { throw fail("units must come once each, largest first") }
            lastRank = rank
            total += value * units[rank].seconds
            rest = rest.dropFirst(unit.count)
        }
        guard total.isFinite else { throw fail("it is too large") }
        return total
    }

    /// Seconds for people: `155 s (2m35s)`.
    package static func describe(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        let plain = seconds == Double(whole) ? "\(whole) s" : "\(seconds) s"
        guard whole >= 60 else { return plain }
        var parts: [String] = []
        var left = whole
        for (suffix, size) in [("h", 3_600), ("m", 60)] where left >= size {
            parts.append("\(left / size)\(suffix)")
            left %= size
        }
        if left > 0 { parts.append("\(left)s") }
        return "\(plain) (\(parts.joined()))"
    }
}
