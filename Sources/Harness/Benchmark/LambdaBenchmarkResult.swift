import Foundation

/// What `devstack bench lambda` measured, one section per workload (absent when it was not run).
package struct LambdaBenchmarkResult: Sendable, Codable, Equatable {
    /// Warm invokes of a no-op bootstrap through the emulator's Runtime API, one at a time.
    package struct WarmInvoke: Sendable, Codable, Equatable {
        package var invokes: Int
        package var coldStartMilliseconds: Double
        package var latency: LatencySummary
        /// CPU time of the emulator side (this process: host, Runtime API server) per warm invoke.
        package var emulatorCPUMicrosecondsPerInvoke: Double
    }

    /// The real `producer` behind its Function URL, each cold start on a freshly started stack.
    package struct ProducerColdStart: Sendable, Codable, Equatable {
        package var coldStarts: Int
        /// First webhook of a new stack: process start, secret fetch, signature check, SendMessage, answer.
        package var coldMilliseconds: [Double]
        package var coldMedianMilliseconds: Double
        package var coldMaxMilliseconds: Double
        /// Webhooks to the warm producer (all stacks together), each a new connection as Sentry makes.
        package var warm: LatencySummary
        /// Deliveries that did not answer 200 (none expected).
        package var failures: Int
    }

    /// Messages through SQS → event source mapping (batches of 10) → a no-op function.
    package struct MappingThroughput: Sendable, Codable, Equatable {
        package var messages: Int
        package var seconds: Double
        package var messagesPerSecond: Double
        package var maximumConcurrency: Int
    }

    package var warmInvoke: WarmInvoke?
    package var producerColdStart: ProducerColdStart?
    package var mappingThroughput: MappingThroughput?

    package init() {}

    /// One human line per workload.
    package var summaryLines: [String] {
        var lines: [String] = []
        func ms(_ microseconds: Double?) -> String { String(format: "%.3f ms", (microseconds ?? .nan) / 1000) }
        if let warmInvoke {
            lines.append(
                "warm invoke (no-op bootstrap, \(warmInvoke.invokes) calls): p50 \(ms(warmInvoke.latency.p50Microseconds)), "
                    + "p99 \(ms(warmInvoke.latency.p99Microseconds)), emulator CPU "
                    + String(
                        format: "%.0f µs/invoke; cold start %.1f ms",
                        warmInvoke.emulatorCPUMicrosecondsPerInvoke,
                        warmInvoke.coldStartMilliseconds
                    )
            )
        }
        if let cold = producerColdStart {
            lines.append(
                String(
                    format: "producer cold start to first answer (%d stacks): median %.1f ms, max %.1f ms",
                    cold.coldStarts,
                    cold.coldMedianMilliseconds,
                    cold.coldMaxMilliseconds
                )
                    + "; warm p50 \(ms(cold.warm.p50Microseconds)), p99 \(ms(cold.warm.p99Microseconds))"
                    + "; failures \(cold.failures)"
            )
        }
        if let mapping = mappingThroughput {
            lines.append(
                String(
                    format:
                        "SQS → mapping → no-op function: %d messages in %.2f s = %.0f messages/s (up to %d instances)",
                    mapping.messages,
                    mapping.seconds,
                    mapping.messagesPerSecond,
                    mapping.maximumConcurrency
                )
            )
        }
        return lines
    }
}
