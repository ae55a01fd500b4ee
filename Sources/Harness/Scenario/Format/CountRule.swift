import Foundation

/// A count an expectation wants: exactly N, or a comparison (`>= 3`, `<= 10`, `> 0`, `< 2`).
package struct CountRule: Sendable, Equatable, CustomStringConvertible {
    package enum Comparison: String, Sendable {
        case equal = "=="
        case atLeast = ">="
        case atMost = "<="
        case more = ">"
        case less = "<"
    }

    package var comparison: Comparison
    package var value: Int

    package init(_ comparison: Comparison, _ value: Int) {
        self.comparison = comparison
        self.value = value
    }

    init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for comparison in [Comparison.atLeast, .atMost, .equal, .more, .less]
        where trimmed.hasPrefix(comparison.rawValue) {
            guard let value = Int(trimmed.dropFirst(comparison.rawValue.count).trimmingCharacters(in: .whitespaces)),
                value >= 0
            else { return nil }
            self.init(comparison, value)
            return
        }
        guard let value = Int(trimmed), value >= 0 else { return nil }
        self.init(.equal, value)
    }

    package func holds(_ actual: Int) -> Bool {
        switch comparison {
        case .equal: actual == value
        case .atLeast: actual >= value
        case .atMost: actual <= value
        case .more: actual > value
        case .less: actual < value
        }
    }

    package var description: String { comparison == .equal ? "\(value)" : "\(comparison.rawValue) \(value)" }
}
