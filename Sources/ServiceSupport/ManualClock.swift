import Foundation
import Synchronization

/// A `ServiceClock` that moves only when told to or when something sleeps on it (sleeping advances it at once):
/// deadlines and back-off tested without waiting.
public final class ManualClock: ServiceClock {
    private let state: Mutex<(now: Date, slept: [Duration])>

    public init(now: Date = Date(timeIntervalSince1970: 1_795_000_000)) { state = Mutex((now, [])) }

    public func now() -> Date { state.withLock { $0.now } }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.now = $0.now.addingTimeInterval(duration.seconds)
            $0.slept.append(duration)
        }
    }

    public func advance(by duration: Duration) {
        state.withLock { $0.now = $0.now.addingTimeInterval(duration.seconds) }
    }

    /// Every sleep so far, in order.
    public var sleeps: [Duration] { state.withLock { $0.slept } }
}
