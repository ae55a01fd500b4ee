import Foundation
import Synchronization

/// Reads one pipe of an instance (stdout or stderr) into lines, on a thread of its own, and can feed on demand
/// everything the instance has written so far (`drain`), so that an invocation's lines are recorded before it is
/// settled: a runtime writes its log lines, then posts `/response`, and the lines must come before `END`.
///
/// It reads with `poll` and `read(2)` under a lock: the thread never holds the lock while it waits, and `drain`
/// holds it while it empties the pipe, so every byte read before `drain` returns has been split into lines.
/// (Not `FileHandle.readabilityHandler`: libdispatch crashed when a killed instance's handle closed while its
/// descriptor was still registered.)
final class InstanceOutputReader: Sendable {
    /// What the reading thread and `drain` share, behind one lock.
    private struct State {
        var finished = false
        /// One read's bytes, kept across reads instead of a new 64 KiB array each time.
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    }

    private let state = Mutex(State())
    private let handle: FileHandle
    private let lines: LineSplitter

    init(handle: FileHandle, lines: LineSplitter) {
        self.handle = handle
        self.lines = lines
    }

    /// Reads until end of file on a new thread, then calls `done`.
    func start(done: @escaping @Sendable () -> Void) {
        Thread.detachNewThread {
            self.run()
            done()
        }
    }

    /// Feeds what the pipe holds now: every line the instance wrote before this call is emitted when it returns.
    func drain() {
        state.withLock { state in
            while !state.finished, readable(timeoutMilliseconds: 0) {
                if !readOnce(&state) { finish(&state) }
            }
        }
    }

    private func run() {
        while true {
            guard readable(timeoutMilliseconds: 100) else {
                if state.withLock({ $0.finished }) { return }
                continue
            }
            let open = state.withLock { state in
                guard !state.finished else { return false }
                if readOnce(&state) { return true }
                finish(&state)
                return false
            }
            if !open { return }
        }
    }

    /// Whether a read would not block (data, or end of file), waiting at most `timeoutMilliseconds`.
    private func readable(timeoutMilliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, timeoutMilliseconds)
        return ready > 0
    }

    /// One read (under the lock); false at end of file or on an error other than EINTR.
    private func readOnce(_ state: inout State) -> Bool {
        while true {
            let count = state.buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            lines.feed(Data(state.buffer[0..<count]))
            return true
        }
    }

    /// End of file: the partial last line goes out too (under the lock).
    private func finish(_ state: inout State) {
        state.finished = true
        lines.flush()
    }
}
