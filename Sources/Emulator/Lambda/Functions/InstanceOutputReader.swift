import Foundation

/// Reads one pipe of an instance (stdout or stderr) into lines, on a thread of its own, and can feed on demand
/// everything the instance has written so far (`drain`), so that an invocation's lines are recorded before it is
/// settled: a runtime writes its log lines, then posts `/response`, and the lines must come before `END`.
///
/// It reads with `poll` and `read(2)` under a lock: the thread never holds the lock while it waits, and `drain`
/// holds it while it empties the pipe, so every byte read before `drain` returns has been split into lines.
/// (Not `FileHandle.readabilityHandler`: libdispatch crashed when a killed instance's handle closed while its
/// descriptor was still registered.)
final class InstanceOutputReader: @unchecked Sendable {
    // @unchecked: `finished`, `buffer` and the splitter are touched only under `lock`; the handle is immutable.
    private let lock = NSLock()
    private let handle: FileHandle
    private let lines: LineSplitter
    private var finished = false
    /// One read's bytes, kept across reads (under the lock) instead of a new 64 KiB array each time.
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

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
        lock.withLock {
            while !finished, readable(timeoutMilliseconds: 0) {
                if !readOnce() { finish() }
            }
        }
    }

    private func run() {
        while true {
            guard readable(timeoutMilliseconds: 100) else {
                if lock.withLock({ finished }) { return }
                continue
            }
            let open = lock.withLock {
                guard !finished else { return false }
                if readOnce() { return true }
                finish()
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
    private func readOnce() -> Bool {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            lines.feed(Data(buffer[0..<count]))
            return true
        }
    }

    /// End of file: the partial last line goes out too (under the lock).
    private func finish() {
        finished = true
        lines.flush()
    }
}
