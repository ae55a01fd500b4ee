/// Request latencies of one workload, summarised by the nearest-rank method: the p-th percentile of n sorted
/// samples is the sample at rank ⌈p/100 · n⌉ (1-based), so p50 of [1, 2, 3, 4] is 2 and p99 of 100 samples is the
/// 99th. An empty sample set has no percentiles.
package struct LatencySummary: Sendable, Equatable, Codable {
    package var count: Int
    package var p50Microseconds: Double?
    package var p99Microseconds: Double?
    package var maxMicroseconds: Double?

    package init(samples: [Duration]) {
        let sorted = samples.map(Self.microseconds).sorted()
        count = sorted.count
        p50Microseconds = Self.percentile(50, ofSorted: sorted)
        p99Microseconds = Self.percentile(99, ofSorted: sorted)
        maxMicroseconds = sorted.last
    }

    /// The nearest-rank percentile `p` (0 < p ≤ 100) of ascending `sorted` values; nil when there are none.
    package static func percentile(_ p: Double, ofSorted sorted: [Double]) -> Double? {
        guard !sorted.isEmpty, p > 0, p <= 100 else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    package static func microseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) * 1e-12
    }
}
