import Foundation
import Synchronization

/// A clock that starts at a given instant and moves only through `advance(by:)`. Sleepers whose deadline is
/// passed by an advance are resumed at once.
package final class VirtualEmulatorClock: EmulatorClock {
    private struct Sleeper {
        var deadline: Date
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var now: Date
        var sleepers: [UInt64: Sleeper] = [:]
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>
    /// Called after every advance (the emulator wakes its long polls with it).
    private let onAdvance: Mutex<[@Sendable () -> Void]> = Mutex([])

    package init(start: Date = Date()) {
        // Millisecond precision, as every timestamp SQS reports.
        let millis = (start.timeIntervalSince1970 * 1000).rounded(.down) / 1000
        state = Mutex(State(now: Date(timeIntervalSince1970: millis)))
    }

    package var isVirtual: Bool { true }

    package func now() -> Date { state.withLock { $0.now } }

    package func whenAdvanced(_ callback: @escaping @Sendable () -> Void) {
        onAdvance.withLock { $0.append(callback) }
    }

    package func advance(by seconds: TimeInterval) throws(ClockError) {
        guard seconds.isFinite, seconds >= 0 else {
            throw ClockError(description: "the clock only moves forward: 'advance' must be a number of seconds >= 0")
        }
        let due: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.now = state.now.addingTimeInterval(seconds)
            let now = state.now
            let ids = state.sleepers.filter { $0.value.deadline <= now }.map(\.key)
            return ids.compactMap { state.sleepers.removeValue(forKey: $0)?.continuation }
        }
        for continuation in due { continuation.resume() }
        for callback in onAdvance.withLock({ $0 }) { callback() }
    }

    package func sleep(until deadline: Date) async {
        let id: UInt64 = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = state.withLock { state in
                    if state.now >= deadline || Task.isCancelled { return true }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLock { $0.sleepers.removeValue(forKey: id)?.continuation }
            continuation?.resume()
        }
    }
}
