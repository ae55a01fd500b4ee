import Foundation

/// Typed reads of environment variables with clear errors; used by both services' configurations.
public struct EnvironmentReader: Sendable {
    public var values: [String: String]

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) { self.values = values }

    /// The trimmed value, or nil when unset or blank.
    public func optional(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    public func required(_ name: String) throws(ConfigurationError) -> String {
        guard let value = optional(name) else { throw ConfigurationError(variable: name, problem: "is required") }
        return value
    }

    public func string(_ name: String, default fallback: String) -> String { optional(name) ?? fallback }

    public func bool(_ name: String, default fallback: Bool = false) throws(ConfigurationError) -> Bool {
        guard let value = optional(name)?.lowercased() else { return fallback }
        switch value {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw ConfigurationError(variable: name, problem: "must be true or false, got '\(value)'")
        }
    }

    public func int(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let text = optional(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(
                variable: name,
                problem: "must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'"
            )
        }
        return value
    }

    public func url(_ name: String, default fallback: String? = nil) throws(ConfigurationError) -> URL {
        guard let text = optional(name) ?? fallback else {
            throw ConfigurationError(variable: name, problem: "is required")
        }
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
            url.host != nil
        else {
            throw ConfigurationError(variable: name, problem: "must be an http(s) URL, got '\(text)'")
        }
        return url
    }

    /// A comma-separated list, blanks dropped.
    public func list(_ name: String, default fallback: [String] = []) -> [String] {
        guard let text = optional(name) else { return fallback }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
