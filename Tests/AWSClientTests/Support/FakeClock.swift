import AWSClient
import Synchronization

/// A virtual clock: `sleep` records the wait and moves `now` forward at once; `advance` simulates time spent.
final class FakeClock: AWSClock {
    private struct State {
        var now: ContinuousClock.Instant
        var sleeps: [Duration] = []
    }

    private let state: Mutex<State>

    init(start: ContinuousClock.Instant = ContinuousClock.now) {
        state = Mutex(State(now: start))
    }

    var now: ContinuousClock.Instant { state.withLock { $0.now } }

    /// Every backoff wait, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: ContinuousClock.Instant) async throws {
        state.withLock { state in
            state.sleeps.append(state.now.duration(to: deadline))
            if deadline > state.now { state.now = deadline }
        }
    }

    func advance(by duration: Duration) {
        state.withLock { $0.now = $0.now.advanced(by: duration) }
    }
}
