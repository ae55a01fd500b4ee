import Foundation
import Testing

@testable import Emulator

/// Measurements, not assertions on time: run with `LAMBDA_BENCH=1 swift test --filter LambdaBenchmarks`. They
/// print their figures and only check that every invocation succeeded.
@Suite(
    "Lambda benchmarks",
    .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["LAMBDA_BENCH"] == "1", "set LAMBDA_BENCH=1")
)
struct LambdaBenchmarks {
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    @Test("warm invoke overhead of a no-op bootstrap, and its cold start")
    func warmInvoke() async throws {
        var function = try behaviourFunction("noop")
        // LAMBDA_BENCH_EXECUTABLE compares another bootstrap (e.g. a Python one) on the same emulator.
        if let other = ProcessInfo.processInfo.environment["LAMBDA_BENCH_EXECUTABLE"] {
            function.executablePath = other
        }
        try await withHost(function) { host in
            let coldStart = Date()
            let first = try await invoke(host, "{}")
            let cold = Date().timeIntervalSince(coldStart) * 1000
            #expect(first.isSuccess)
            var samples: [Double] = []
            for n in 0..<1000 {
                let start = Date()
                let outcome = try await invoke(host, "{\"n\":\(n)}")
                samples.append(Date().timeIntervalSince(start) * 1000)
                #expect(outcome.isSuccess)
            }
            samples.sort()
            print(
                String(
                    format:
                        "BENCH lambda warm invoke (no-op bootstrap, %d calls): p50 %.3f ms, p99 %.3f ms; cold start %.1f ms",
                    samples.count,
                    Self.percentile(samples, 0.5),
                    Self.percentile(samples, 0.99),
                    cold
                )
            )
        }
    }

    @Test("SQS mapping throughput into a no-op function (in-memory queue)")
    func mappingThroughput() async throws {
        let count = 2000
        let queue = FakeMappingQueue(messages: (0..<count).map { message("m\($0)") }, visibility: 30)
        try await withHost(behaviourFunction("noop", reservedConcurrency: 5)) { host in
            let settings = SQSEventSourceMappingSettings(
                functionName: "fn",
                eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:q",
                batchSize: 10
            )
            let runner = SQSEventSourceMappingRunner(settings: settings, queue: queue, function: host)
            let start = Date()
            try await runner.start()
            let drained = await eventually(120) { await queue.deleted.count == count }
            let seconds = Date().timeIntervalSince(start)
            await runner.stop()
            #expect(drained)
            print(
                String(
                    format:
                        "BENCH lambda SQS mapping: %d messages in %.2f s = %.0f messages/s (%d batches, 5 instances)",
                    count,
                    seconds,
                    Double(count) / seconds,
                    await runner.invocations
                )
            )
        }
    }
}
