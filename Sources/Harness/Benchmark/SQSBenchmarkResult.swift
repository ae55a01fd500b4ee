import Foundation

/// The measurements of one workload run.
package struct SQSBenchmarkResult: Sendable, Equatable, Codable {
    package var label: String
    package var workload: String
    package var concurrency: Int
    package var batch: Bool
    package var backlog: Int
    package var messages: Int
    /// HTTP requests made in the measured phase (ReceiveMessage and DeleteMessageBatch both count in drain).
    package var requests: Int
    package var failures: Int
    package var seconds: Double
    package var latency: LatencySummary
    /// Server CPU (user + system) over the measured phase, when a server PID was given.
    package var serverCPUSeconds: Double?
    /// Server resident memory after the measured phase, in MiB.
    package var serverRSSMiB: Double?

    package var requestsPerSecond: Double { seconds > 0 ? Double(requests) / seconds : 0 }
    package var messagesPerSecond: Double { seconds > 0 ? Double(messages) / seconds : 0 }
    package var serverCPUMicrosecondsPerRequest: Double? {
        guard let serverCPUSeconds, requests > 0 else { return nil }
        return serverCPUSeconds * 1e6 / Double(requests)
    }
    package var serverCPUMicrosecondsPerMessage: Double? {
        guard let serverCPUSeconds, messages > 0 else { return nil }
        return serverCPUSeconds * 1e6 / Double(messages)
    }

    private enum CodingKeys: String, CodingKey {
        case label, workload, concurrency, batch, backlog, messages, requests, failures, seconds, latency
        case serverCPUSeconds, serverRSSMiB
        case requestsPerSecond, messagesPerSecond, serverCPUMicrosecondsPerRequest, serverCPUMicrosecondsPerMessage
    }

    package init(
        label: String,
        workload: String,
        concurrency: Int,
        batch: Bool,
        backlog: Int,
        messages: Int,
        requests: Int,
        failures: Int,
        seconds: Double,
        latency: LatencySummary,
        serverCPUSeconds: Double?,
        serverRSSMiB: Double?
    ) {
        self.label = label
        self.workload = workload
        self.concurrency = concurrency
        self.batch = batch
        self.backlog = backlog
        self.messages = messages
        self.requests = requests
        self.failures = failures
        self.seconds = seconds
        self.latency = latency
        self.serverCPUSeconds = serverCPUSeconds
        self.serverRSSMiB = serverRSSMiB
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            label: try c.decode(String.self, forKey: .label),
            workload: try c.decode(String.self, forKey: .workload),
            concurrency: try c.decode(Int.self, forKey: .concurrency),
            batch: try c.decode(Bool.self, forKey: .batch),
            backlog: try c.decode(Int.self, forKey: .backlog),
            messages: try c.decode(Int.self, forKey: .messages),
            requests: try c.decode(Int.self, forKey: .requests),
            failures: try c.decode(Int.self, forKey: .failures),
            seconds: try c.decode(Double.self, forKey: .seconds),
            latency: try c.decode(LatencySummary.self, forKey: .latency),
            serverCPUSeconds: try c.decodeIfPresent(Double.self, forKey: .serverCPUSeconds),
            serverRSSMiB: try c.decodeIfPresent(Double.self, forKey: .serverRSSMiB)
        )
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(label, forKey: .label)
        try c.encode(workload, forKey: .workload)
        try c.encode(concurrency, forKey: .concurrency)
        try c.encode(batch, forKey: .batch)
        try c.encode(backlog, forKey: .backlog)
        try c.encode(messages, forKey: .messages)
        try c.encode(requests, forKey: .requests)
        try c.encode(failures, forKey: .failures)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(latency, forKey: .latency)
        try c.encodeIfPresent(serverCPUSeconds, forKey: .serverCPUSeconds)
        try c.encodeIfPresent(serverRSSMiB, forKey: .serverRSSMiB)
        try c.encode(requestsPerSecond, forKey: .requestsPerSecond)
        try c.encode(messagesPerSecond, forKey: .messagesPerSecond)
        try c.encodeIfPresent(serverCPUMicrosecondsPerRequest, forKey: .serverCPUMicrosecondsPerRequest)
        try c.encodeIfPresent(serverCPUMicrosecondsPerMessage, forKey: .serverCPUMicrosecondsPerMessage)
    }

    /// One human-readable line.
    package var summaryLine: String {
        func f(_ value: Double?, _ digits: Int = 0) -> String {
            guard let value else { return "-" }
            return String(format: "%.\(digits)f", value)
        }
        return "\(label): \(requests) req in \(f(seconds, 2)) s = \(f(requestsPerSecond)) req/s, "
            + "p50 \(f(latency.p50Microseconds)) µs, p99 \(f(latency.p99Microseconds)) µs, "
            + "server CPU \(f(serverCPUMicrosecondsPerRequest, 1)) µs/req, RSS \(f(serverRSSMiB, 1)) MiB, "
            + "failures \(failures)"
    }
}
