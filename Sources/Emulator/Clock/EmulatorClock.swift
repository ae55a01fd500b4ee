import Foundation

/// The one clock every time-based rule of the emulator reads: visibility timeouts, delays, retention,
/// long-poll deadlines. `SystemEmulatorClock` follows the wall clock; `VirtualEmulatorClock` moves only when
/// told, so a test can skip a two-minute visibility timeout in microseconds.
package protocol EmulatorClock: Sendable {
    func now() -> Date
    /// Returns once `now() >= deadline`, or when the task is cancelled (without throwing).
    func sleep(until deadline: Date) async
    /// Whether the clock is virtual (and `advance` means something).
    var isVirtual: Bool { get }
    /// Moves a virtual clock forward; a system clock refuses.
    func advance(by seconds: TimeInterval) throws(ClockError)
}

package struct ClockError: Error, Sendable, CustomStringConvertible {
    package var description: String
}

/// The wall clock.
package struct SystemEmulatorClock: EmulatorClock {
    package init() {}
    package func now() -> Date { Date() }
    package var isVirtual: Bool { false }

    package func sleep(until deadline: Date) async {
        let interval = deadline.timeIntervalSinceNow
        guard interval > 0 else { return }
        try? await Task.sleep(nanoseconds: UInt64(min(interval, 86_400) * 1_000_000_000))
    }

    package func advance(by seconds: TimeInterval) throws(ClockError) {
        throw ClockError(description: "the emulator runs on the system clock; start it with --virtual-clock")
    }
}
