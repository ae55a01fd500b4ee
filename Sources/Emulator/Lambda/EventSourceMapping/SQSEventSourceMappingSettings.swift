import Foundation

/// An SQS event source mapping's settings, validated as `CreateEventSourceMapping` validates them.
package struct SQSEventSourceMappingSettings: Sendable, Equatable {
    package var uuid: String
    package var functionName: String
    package var eventSourceARN: String
    package var batchSize: Int
    package var maximumBatchingWindowInSeconds: Int
    package var reportBatchItemFailures: Bool
    /// `ScalingConfig.MaximumConcurrency` (2–1000); `nil` for none.
    package var maximumConcurrency: Int?
    package var enabled: Bool

    package init(
        uuid: String = UUID().uuidString.lowercased(),
        functionName: String,
        eventSourceARN: String,
        batchSize: Int = 10,
        maximumBatchingWindowInSeconds: Int = 0,
        reportBatchItemFailures: Bool = false,
        maximumConcurrency: Int? = nil,
        enabled: Bool = true
    ) {
        self.uuid = uuid
        self.functionName = functionName
        self.eventSourceARN = eventSourceARN
        self.batchSize = batchSize
        self.maximumBatchingWindowInSeconds = maximumBatchingWindowInSeconds
        self.reportBatchItemFailures = reportBatchItemFailures
        self.maximumConcurrency = maximumConcurrency
        self.enabled = enabled
    }

    /// Lambda's checks, with its messages (`InvalidParameterValueException`).
    package func validate(functionTimeout: Double, queueVisibilityTimeout: Int) -> String? {
        if batchSize < 1 || batchSize > 10_000 {
            return "1 validation error detected: Value '\(batchSize)' at 'batchSize' failed to satisfy constraint: "
                + "Member must have value less than or equal to 10000"
        }
        if maximumBatchingWindowInSeconds < 0 || maximumBatchingWindowInSeconds > 300 {
            return "1 validation error detected: Value '\(maximumBatchingWindowInSeconds)' at "
                + "'maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value less than or equal to 300"
        }
        if batchSize > 10 && maximumBatchingWindowInSeconds < 1 {
            return "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"
        }
        if let maximumConcurrency, maximumConcurrency < 2 || maximumConcurrency > 1000 {
            return "1 validation error detected: Value '\(maximumConcurrency)' at 'scalingConfig.maximumConcurrency' "
                + "failed to satisfy constraint: Member must have value between 2 and 1000"
        }
        if functionTimeout > Double(queueVisibilityTimeout) {
            return "Queue visibility timeout: \(queueVisibilityTimeout) seconds is less than Function timeout: "
                + "\(Int(functionTimeout.rounded(.up))) seconds"
        }
        return nil
    }

    /// The visibility timeout the pollers receive with. AWS's documented rule: when the batching window plus the
    /// function timeout exceeds the queue's visibility timeout, Lambda uses window + timeout + 30 s, so a batch
    /// cannot reappear while it is still being gathered or processed (production: 5 + 120 > 120 → 155 s).
    package func effectiveVisibilityTimeout(functionTimeout: Double, queueVisibilityTimeout: Int) -> Int {
        let needed = maximumBatchingWindowInSeconds + Int(functionTimeout.rounded(.up))
        return needed > queueVisibilityTimeout ? needed + 30 : queueVisibilityTimeout
    }
}
