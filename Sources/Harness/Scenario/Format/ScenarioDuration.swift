import Foundation

/// Durations as scenario files write them: `500ms`, `5s`, `2m`, `1h`, `1m30s`, or a bare number of seconds.
enum ScenarioDuration {
    static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let plain = Double(trimmed), plain >= 0, plain.isFinite { return plain }
        var total = 0.0
        var number = ""
        var unit = ""
        var parts: [(Double, String)] = []
        for character in trimmed {
            if character.isNumber || character == "." {
                if !unit.isEmpty {
                    guard let value = Double(number) else { return nil }
                    parts.append((value, unit))
                    number = ""
                    unit = ""
                }
                number.append(character)
            } else if character.isLetter {
                guard !number.isEmpty else { return nil }
                unit.append(character)
            } else {
                return nil
            }
        }
        guard let last = Double(number), !unit.isEmpty else { return nil }
        parts.append((last, unit))
        for (value, unit) in parts {
            switch unit {
            case "ms": total += value / 1000
            case "s": total += value
            case "m", "min": total += value * 60
            case "h": total += value * 3600
            default: return nil
            }
        }
        return total
    }

    /// `1.5 s`, `155 s`, `26 min`: for progress lines.
    static func describe(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 120 {
            return seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
        }
        return String(format: "%.1f min", seconds / 60)
    }
}
