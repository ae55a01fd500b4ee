import AWSSigV4
import Foundation

/// `devstack bench sqs`: a bounded SQS workload against any endpoint (this emulator, moto, …) with keep-alive
/// connections and real SigV4, reporting throughput, p50/p99 latency and — given the server's PID — the
/// server's CPU time per request read from /proc, the figure that stays honest on a shared machine.
package struct SQSBenchmark {
    package struct Phase: Sendable {
        package var name: String
        package var requests: Int
        package var seconds: Double
        package var p50: Double
        package var p99: Double
        package var serverCPUPerRequest: Double?

        package var json: [String: Any] {
            var out: [String: Any] = [
                "phase": name, "requests": requests, "seconds": seconds, "requestsPerSecond": Double(requests) / seconds,
                "p50Ms": p50 * 1000, "p99Ms": p99 * 1000,
            ]
            if let serverCPUPerRequest { out["serverCpuMsPerRequest"] = serverCPUPerRequest * 1000 }
            return out
        }
    }

    package var host: String
    package var port: Int
    package var serverPID: Int32?
    package var messages: Int
    package var backlog: Int
    package var concurrency: Int
    package var credentials = AWSCredentials(accessKeyID: "test", secretAccessKey: "test")

    package init(host: String, port: Int, serverPID: Int32?, messages: Int, backlog: Int, concurrency: Int) {
        self.host = host
        self.port = port
        self.serverPID = serverPID
        self.messages = messages
        self.backlog = backlog
        self.concurrency = concurrency
    }

    func connection() throws -> BenchConnection {
        try BenchConnection(host: host, port: port, credentials: credentials, region: "us-east-1", service: "sqs")
    }

    /// The server's user+system CPU seconds so far (`/proc/PID/stat` fields 14 and 15).
    package static func cpuSeconds(of pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After "pid (comm)", field 3 is index 0; utime is field 14, stime field 15.
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Runs `count` requests (over `workers` connections) through `body`, timing each.
    func measure(_ name: String, count: Int, workers: Int = 1, _ body: @escaping @Sendable (BenchConnection, Int) throws -> Void)
        throws -> Phase
    {
        let cpuBefore = serverPID.flatMap(Self.cpuSeconds)
        let latencies = LatencyRecorder()
        let failures = LatencyRecorder()
        let connections = try (0..<workers).map { _ in try connection() }
        let start = Date()
        let perWorker = (count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let connection = connections[worker]
            for index in (worker * perWorker)..<min(count, (worker + 1) * perWorker) {
                let begin = DispatchTime.now().uptimeNanoseconds
                do {
                    try body(connection, index)
                } catch {
                    failures.add(0)
                }
                latencies.add(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
            }
        }
        let seconds = Date().timeIntervalSince(start)
        if failures.count > 0 { throw BenchError("\(failures.count) requests of phase \(name) failed") }
        let cpuAfter = serverPID.flatMap(Self.cpuSeconds)
        let sorted = latencies.values.sorted()
        return Phase(
            name: name, requests: count, seconds: seconds, p50: sorted[sorted.count / 2],
            p99: sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))],
            serverCPUPerRequest: cpuBefore.flatMap { before in cpuAfter.map { ($0 - before) / Double(count) } })
    }

    static func check(_ answer: (status: Int, body: [UInt8])) throws -> [String: Any] {
        guard answer.status == 200 else {
            throw BenchError("HTTP \(answer.status): \(String(decoding: answer.body, as: UTF8.self))")
        }
        return (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any] ?? [:]
    }

    package func run() throws -> [Phase] {
        let admin = try connection()
        let name = "bench-\(UInt32.random(in: 0...UInt32.max))"
        let created = try Self.check(admin.call(target: "AmazonSQS.CreateQueue", json: ["QueueName": name]))
        guard let url = created["QueueUrl"] as? String else { throw BenchError("CreateQueue gave no QueueUrl") }
        var phases: [Phase] = []
        let body = String(repeating: "x", count: 256)
        phases.append(
            try measure("SendMessage, sequential, empty queue", count: messages) { connection, _ in
                _ = try Self.check(connection.call(target: "AmazonSQS.SendMessage", json: ["QueueUrl": url, "MessageBody": body]))
            })
        let batches = max(1, (backlog - messages) / 10)
        phases.append(
            try measure("SendMessageBatch of 10, sequential", count: batches) { connection, _ in
                let entries = (0..<10).map { ["Id": "e\($0)", "MessageBody": body] }
                _ = try Self.check(connection.call(target: "AmazonSQS.SendMessageBatch", json: ["QueueUrl": url, "Entries": entries]))
            })
        phases.append(
            try measure("SendMessage, sequential, \(backlog) deep", count: messages) { connection, _ in
                _ = try Self.check(connection.call(target: "AmazonSQS.SendMessage", json: ["QueueUrl": url, "MessageBody": body]))
            })
        phases.append(
            try measure("SendMessage, \(concurrency) concurrent senders", count: messages * 2, workers: concurrency) { connection, _ in
                _ = try Self.check(connection.call(target: "AmazonSQS.SendMessage", json: ["QueueUrl": url, "MessageBody": body]))
            })
        // Drain: receive 10 + delete-batch per step until the backlog is gone (bounded by the count sent).
        let total = messages * 4 + batches * 10
        let steps = (total + 9) / 10
        phases.append(
            try measure("ReceiveMessage 10 + DeleteMessageBatch (pairs), draining", count: steps) { connection, _ in
                let received = try Self.check(connection.call(
                    target: "AmazonSQS.ReceiveMessage",
                    json: ["QueueUrl": url, "MaxNumberOfMessages": 10, "VisibilityTimeout": 300]))
                let messages = received["Messages"] as? [[String: Any]] ?? []
                guard !messages.isEmpty else { return }
                let entries = messages.enumerated().map { ["Id": "d\($0.offset)", "ReceiptHandle": $0.element["ReceiptHandle"] as? String ?? ""] }
                _ = try Self.check(connection.call(target: "AmazonSQS.DeleteMessageBatch", json: ["QueueUrl": url, "Entries": entries]))
            })
        _ = try? admin.call(target: "AmazonSQS.DeleteQueue", json: ["QueueUrl": url])
        return phases
    }
}

/// Latencies from several threads.
final class LatencyRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Double] = []
    func add(_ value: Double) { lock.withLock { storage.append(value) } }
    var values: [Double] { lock.withLock { storage } }
    var count: Int { lock.withLock { storage.count } }
}
