import Dispatch
import Foundation

/// SIGINT and SIGTERM taken over from their default action, so that a command stops what it started (every
/// child by PID) before exiting. The sources run on their own queue: the main queue is not drained while an
/// async command runs.
/// `@unchecked`: its state is set once in `init`; `wait()` reads an `AsyncStream`, which is Sendable.
final class StopSignals: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Int32>

    init() {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let queue = DispatchQueue(label: "devstack.signals")
        sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        self.stream = stream
    }

    /// Waits for the first SIGINT or SIGTERM.
    func wait() async {
        for await _ in stream { break }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
