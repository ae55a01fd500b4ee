import Foundation

/// How many pollers (and so concurrent batches) a mapping runs, without I/O. Lambda starts with five, adds up to
/// 300 a minute (five a second) while receives come back full, and falls back as the queue empties; never more
/// than `ScalingConfig.MaximumConcurrency` nor the function's concurrency limit.
package struct SQSPollerScaling: Sendable, Equatable {
    package static let initialPollers = 5
    package static let scaleUpPerSecond = 5.0

    package let cap: Int
    package let floor: Int
    package private(set) var pollers: Int
    private var lastScaleUp: Date?

    package init(maximumConcurrency: Int?, functionConcurrency: Int) {
        cap = max(1, min(maximumConcurrency ?? 1000, functionConcurrency, 1000))
        floor = min(Self.initialPollers, cap)
        pollers = floor
    }

    /// A receive returned `count` messages of the `max` asked for.
    package mutating func received(count: Int, max: Int, now: Date) {
        if count >= max, pollers < cap {
            let elapsed = lastScaleUp.map { now.timeIntervalSince($0) } ?? 1
            let step = Int((elapsed * Self.scaleUpPerSecond).rounded(.down))
            if step >= 1 {
                pollers = min(cap, pollers + step)
                lastScaleUp = now
            }
        } else if count == 0, pollers > floor {
            pollers -= 1
        }
    }
}
