import Foundation

/// Wall time and sleeping, injectable so deadlines and back-off are tested without waiting.
public protocol ServiceClock: Sendable {
    func now() -> Date
    func sleep(for duration: Duration) async throws
}

public struct SystemClock: ServiceClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

/// A point in time by which work must finish.
public struct Deadline: Sendable, Equatable, Comparable {
    public var date: Date
    public init(_ date: Date) { self.date = date }

    public func remaining(at now: Date) -> Duration {
        let seconds = date.timeIntervalSince(now)
        return seconds <= 0 ? .zero : .milliseconds(Int64((seconds * 1000).rounded(.down)))
    }

    public static func < (lhs: Deadline, rhs: Deadline) -> Bool { lhs.date < rhs.date }
}
