import Foundation

/// One thread that lives as long as the emulator and starts every function instance. Linux sends the
/// parent-death signal (`setpriv --pdeathsig`) when the thread that started a child ends, not the process; the
/// cooperative pool's threads may end whenever they are idle, so instances are started from this thread alone.
/// `@unchecked`: `jobs` is read and written only with `condition` locked (a wait needs the condition).
final class LaunchThread: @unchecked Sendable {
    static let shared = LaunchThread()

    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []

    private init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "emulator.lambda.launch"
        thread.start()
    }

    /// Runs `body` on the launch thread and returns its result (the caller waits; a spawn takes milliseconds).
    func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) throws -> Value {
        let done = NSCondition()
        nonisolated(unsafe) var result: Result<Value, any Error>?
        let job: @Sendable () -> Void = {
            let outcome = Result { try body() }
            done.lock()
            result = outcome
            done.signal()
            done.unlock()
        }
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
        done.lock()
        while result == nil { done.wait() }
        let finished = result!
        done.unlock()
        return try finished.get()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let next = jobs.removeFirst()
            condition.unlock()
            next()
        }
    }
}
