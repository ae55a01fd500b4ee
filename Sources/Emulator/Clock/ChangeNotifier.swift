import Foundation
import Synchronization

/// Wakes long polls: every `notify()` (a message sent, a visibility change, a clock advance) resumes everyone
/// waiting, who then looks again. Waiting is bounded by a deadline on the emulator's clock.
package final class ChangeNotifier: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    package init() {}

    /// The current generation; pass it to `wait(after:until:clock:)` so a change between looking and waiting
    /// is not missed.
    package var generation: UInt64 { state.withLock { $0.generation } }

    package func notify() {
        let waiters = state.withLock { state in
            state.generation &+= 1
            let all = Array(state.waiters.values)
            state.waiters.removeAll()
            return all
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns at the first change after `generation`, at `deadline` on `clock`, or when cancelled.
    package func wait(after generation: UInt64, until deadline: Date, clock: any EmulatorClock) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForChange(after: generation) }
            group.addTask { await clock.sleep(until: deadline) }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForChange(after generation: UInt64) async {
        let id: UInt64 = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = state.withLock { state in
                    if state.generation != generation || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLock { $0.waiters.removeValue(forKey: id) }
            continuation?.resume()
        }
    }
}
