import Foundation

/// The wall clock, behind a protocol so that "remaining time" can be tested at a fixed instant.
public protocol LambdaClock: Sendable {
    /// Milliseconds since the Unix epoch.
    func nowMilliseconds() -> Int64
}

/// The system wall clock.
public struct WallClock: LambdaClock {
    public init() {}

    public func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
