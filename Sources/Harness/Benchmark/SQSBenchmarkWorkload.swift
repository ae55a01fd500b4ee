/// One measured SQS workload. Every workload runs on a fresh queue of its own.
package enum SQSBenchmarkWorkload: String, Sendable, Equatable, Codable, CaseIterable {
    /// SendMessage (or SendMessageBatch of 10 with `batch`) from `concurrency` workers, `messages` messages in all.
    case send
    /// `messages` messages are enqueued first (unmeasured, in batches of 10), then ReceiveMessage (10) plus
    /// DeleteMessageBatch until the queue is empty.
    case drain
}

/// What to run: the workload and its bounds.
package struct SQSBenchmarkPlan: Sendable, Equatable {
    package var workload: SQSBenchmarkWorkload
    /// Concurrent workers (each its own loop over the shared transport).
    package var concurrency: Int
    /// Messages sent (send) or drained (drain).
    package var messages: Int
    /// Send with SendMessageBatch of 10 entries instead of SendMessage.
    package var batch: Bool
    /// Messages put in the queue before a send workload is measured (to see cost against queue depth).
    package var backlog: Int
    /// The measured phase stops (and the run fails) after this many seconds.
    package var durationLimitSeconds: Double
    /// Message body size in bytes.
    package var bodyBytes: Int

    package init(
        workload: SQSBenchmarkWorkload,
        concurrency: Int = 1,
        messages: Int = 1_000,
        batch: Bool = false,
        backlog: Int = 0,
        durationLimitSeconds: Double = 120,
        bodyBytes: Int = 256
    ) {
        self.workload = workload
        self.concurrency = concurrency
        self.messages = messages
        self.batch = batch
        self.backlog = backlog
        self.durationLimitSeconds = durationLimitSeconds
        self.bodyBytes = bodyBytes
    }

    /// Checks the bounds; a plan that passes runs a finite number of requests.
    package func validate() throws(BenchmarkError) {
        guard (1...256).contains(concurrency) else {
            throw BenchmarkError(.invalidArguments, "concurrency must be 1…256, got \(concurrency)")
        }
        guard (1...1_000_000).contains(messages) else {
            throw BenchmarkError(.invalidArguments, "messages must be 1…1000000, got \(messages)")
        }
        guard (0...1_000_000).contains(backlog) else {
            throw BenchmarkError(.invalidArguments, "backlog must be 0…1000000, got \(backlog)")
        }
        guard durationLimitSeconds > 0, durationLimitSeconds <= 3_600 else {
            throw BenchmarkError(.invalidArguments, "duration limit must be in (0, 3600] seconds")
        }
        guard (1...262_144).contains(bodyBytes) else {
            throw BenchmarkError(.invalidArguments, "body size must be 1…262144 bytes, got \(bodyBytes)")
        }
        if workload == .drain && batch {
            throw BenchmarkError(.invalidArguments, "--batch applies to the send workload; drain always uses batches")
        }
    }

    /// How many requests each of `concurrency` workers makes in a send workload: the messages split as evenly as
    /// possible into requests of 1 (or up to 10 with `batch`) messages.
    package func sendRequestSizes() -> [[Int]] {
        let perRequest = batch ? 10 : 1
        var sizes: [[Int]] = Array(repeating: [], count: concurrency)
        var remaining = messages
        var worker = 0
        while remaining > 0 {
            let size = min(perRequest, remaining)
            sizes[worker].append(size)
            remaining -= size
            worker = (worker + 1) % concurrency
        }
        return sizes
    }

    /// A short label for tables, e.g. `send c=8` or `send-batch10 c=1 backlog=10000`.
    package var label: String {
        var text = workload == .send && batch ? "send-batch10" : workload.rawValue
        text += " c=\(concurrency) n=\(messages)"
        if backlog > 0 { text += " backlog=\(backlog)" }
        return text
    }
}
