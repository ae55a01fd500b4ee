import Foundation
import Testing

@testable import Harness

/// The load generator's own logic: percentile maths, /proc parsing, plan bounds. No timing assertions.
@Suite("Benchmark")
struct BenchmarkTests {
    // MARK: Percentiles

    @Test("nearest-rank percentiles of a known set")
    func nearestRank() {
        let values = (1...100).map(Double.init)
        #expect(LatencySummary.percentile(50, ofSorted: values) == 50)
        #expect(LatencySummary.percentile(99, ofSorted: values) == 99)
        #expect(LatencySummary.percentile(100, ofSorted: values) == 100)
        #expect(LatencySummary.percentile(50, ofSorted: [1, 2, 3, 4]) == 2)
        #expect(LatencySummary.percentile(99, ofSorted: [7]) == 7)
        #expect(LatencySummary.percentile(1, ofSorted: [3, 9]) == 3)
    }

    @Test("no samples give no percentiles; out-of-range p is refused")
    func emptyAndOutOfRange() {
        #expect(LatencySummary.percentile(50, ofSorted: []) == nil)
        #expect(LatencySummary.percentile(0, ofSorted: [1]) == nil)
        #expect(LatencySummary.percentile(101, ofSorted: [1]) == nil)
        let summary = LatencySummary(samples: [])
        #expect(summary.count == 0 && summary.p50Microseconds == nil && summary.maxMicroseconds == nil)
    }

    @Test("samples are sorted and converted to microseconds")
    func summaryFromDurations() {
        let summary = LatencySummary(samples: [.milliseconds(3), .microseconds(500), .milliseconds(1), .seconds(2)])
        #expect(summary.count == 4)
        #expect(summary.p50Microseconds == 1_000)
        #expect(summary.p99Microseconds == 2_000_000)
        #expect(summary.maxMicroseconds == 2_000_000)
    }

    // MARK: /proc parsing

    @Test("utime + stime are fields 14 and 15, counted after the last ')' of the command name")
    func statParsing() throws {
        let stat =
            "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 1234 0 0 0 150 37 0 0 20 0 9 0 12345 123456789 2048 "
            + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n"
        #expect(try ProcessUsage.cpuTicks(stat: stat) == 187)
    }

    @Test("a stat line without the command's ')' or with too few fields is a clear error")
    func statParsingErrors() {
        #expect(throws: BenchmarkError.self) { try ProcessUsage.cpuTicks(stat: "4242 S 1 2 3") }
        #expect(throws: BenchmarkError.self) { try ProcessUsage.cpuTicks(stat: "4242 (x) S 1 2 3") }
        #expect(throws: BenchmarkError.self) {
            try ProcessUsage.cpuTicks(stat: "1 (x) S 1 1 1 0 -1 0 0 0 0 0 abc 2 0 0")
        }
    }

    @Test("VmRSS is read in kB from /proc/PID/status")
    func statusParsing() throws {
        let status = "Name:\tdevstack\nVmPeak:\t  300000 kB\nVmRSS:\t   21504 kB\nThreads:\t9\n"
        #expect(try ProcessUsage.residentKiB(status: status) == 21_504)
        #expect(throws: BenchmarkError.self) { try ProcessUsage.residentKiB(status: "Name:\tx\nThreads:\t1\n") }
        #expect(throws: BenchmarkError.self) { try ProcessUsage.residentKiB(status: "VmRSS:\t lots kB\n") }
    }

    @Test("this process's own /proc entries parse")
    func readsOwnProcess() throws {
        let usage = try ProcessUsage.read(pid: ProcessInfo.processInfo.processIdentifier)
        #expect(usage.residentKiB > 0)
        #expect(ProcessUsage.ticksPerSecond > 0)
    }

    @Test("a process that does not exist is a clear error, not a zero")
    func missingProcess() {
        #expect(throws: BenchmarkError.self) { try ProcessUsage.read(pid: Int32.max) }
    }

    // MARK: Plans

    @Test("messages split evenly over workers, in requests of 1 or up to 10")
    func requestSizes() {
        let single = SQSBenchmarkPlan(workload: .send, concurrency: 3, messages: 7).sendRequestSizes()
        #expect(single.map(\.count) == [3, 2, 2])
        #expect(single.joined().allSatisfy { $0 == 1 })
        let batched = SQSBenchmarkPlan(workload: .send, concurrency: 2, messages: 25, batch: true)
            .sendRequestSizes()
        #expect(batched == [[10, 5], [10]])
        #expect(batched.joined().reduce(0, +) == 25)
    }

    @Test("out-of-bounds plans are refused with the reason")
    func planValidation() throws {
        try SQSBenchmarkPlan(workload: .drain, concurrency: 8, messages: 10_000).validate()
        let bad = [
            SQSBenchmarkPlan(workload: .send, concurrency: 0),
            SQSBenchmarkPlan(workload: .send, messages: 0),
            SQSBenchmarkPlan(workload: .send, backlog: -1),
            SQSBenchmarkPlan(workload: .send, durationLimitSeconds: 0),
            SQSBenchmarkPlan(workload: .send, bodyBytes: 0),
            SQSBenchmarkPlan(workload: .drain, batch: true),
        ]
        for plan in bad {
            #expect(throws: BenchmarkError.self) { try plan.validate() }
        }
        #expect(
            SQSBenchmarkPlan(workload: .send, concurrency: 8, messages: 5, batch: true, backlog: 100).label
                == "send-batch10 c=8 n=5 backlog=100"
        )
    }

    // MARK: Results

    @Test("derived rates are computed and survive a JSON round trip")
    func resultJSON() throws {
        let result = SQSBenchmarkResult(
            label: "send c=1 n=4",
            workload: "send",
            concurrency: 1,
            batch: false,
            backlog: 0,
            messages: 4,
            requests: 4,
            failures: 0,
            seconds: 2,
            latency: LatencySummary(samples: [.milliseconds(1)]),
            serverCPUSeconds: 0.002,
            serverRSSMiB: 12.5
        )
        #expect(result.requestsPerSecond == 2)
        #expect(result.serverCPUMicrosecondsPerRequest == 500)
        let data = try JSONEncoder().encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["serverCPUMicrosecondsPerRequest"] as? Double == 500)
        #expect(try JSONDecoder().decode(SQSBenchmarkResult.self, from: data) == result)
        let noServer = SQSBenchmarkResult(
            label: "x",
            workload: "send",
            concurrency: 1,
            batch: false,
            backlog: 0,
            messages: 0,
            requests: 0,
            failures: 0,
            seconds: 0,
            latency: LatencySummary(samples: []),
            serverCPUSeconds: nil,
            serverRSSMiB: nil
        )
        #expect(noServer.requestsPerSecond == 0 && noServer.serverCPUMicrosecondsPerRequest == nil)
    }
}
