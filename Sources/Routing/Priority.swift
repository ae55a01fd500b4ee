/// A task's priority. The rule from the original: a `warning` is MEDIUM, everything else (error, fatal,
/// unknown, missing) is HIGH. LOW exists in Asana but no alert maps to it.
public enum Priority: String, Sendable, Equatable, CaseIterable {
    case high = "HIGH"
    case medium = "MEDIUM"
    case low = "LOW"

    public init(sentryLevel level: String?) {
        self = level?.lowercased() == "warning" ? .medium : .high
    }
}
