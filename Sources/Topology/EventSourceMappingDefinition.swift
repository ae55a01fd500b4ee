/// An SQS event source mapping of the stack, with Lambda's defaults for what is left out.
public struct EventSourceMappingDefinition: Codable, Sendable, Equatable {
    public var function: String
    public var queue: String
    /// Records per batch: 1–10 without a batching window, up to 10,000 with one (Lambda's limits).
    public var batchSize: Int
    /// Seconds to gather a batch (`MaximumBatchingWindowInSeconds`, 0–300).
    public var maximumBatchingWindow: Int
    /// `ReportBatchItemFailures` lets the function fail single records.
    public var functionResponseTypes: [String]
    /// `ScalingConfig.MaximumConcurrency` (2–1000), `nil` for no limit.
    public var maximumConcurrency: Int?
    public var enabled: Bool

    public init(
        function: String,
        queue: String,
        batchSize: Int = 10,
        maximumBatchingWindow: Int = 0,
        functionResponseTypes: [String] = [],
        maximumConcurrency: Int? = nil,
        enabled: Bool = true
    ) {
        self.function = function
        self.queue = queue
        self.batchSize = batchSize
        self.maximumBatchingWindow = maximumBatchingWindow
        self.functionResponseTypes = functionResponseTypes
        self.maximumConcurrency = maximumConcurrency
        self.enabled = enabled
    }

    enum CodingKeys: String, CodingKey {
        case function, queue
        case batchSize = "batch_size"
        case maximumBatchingWindow = "maximum_batching_window"
        case functionResponseTypes = "function_response_types"
        case maximumConcurrency = "maximum_concurrency"
        case enabled
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        function = try container.decode(String.self, forKey: .function)
        queue = try container.decode(String.self, forKey: .queue)
        batchSize = try container.decodeIfPresent(Int.self, forKey: .batchSize) ?? 10
        maximumBatchingWindow = try container.decodeIfPresent(Int.self, forKey: .maximumBatchingWindow) ?? 0
        functionResponseTypes = try container.decodeIfPresent([String].self, forKey: .functionResponseTypes) ?? []
        maximumConcurrency = try container.decodeIfPresent(Int.self, forKey: .maximumConcurrency)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
    }

    public var reportsBatchItemFailures: Bool { functionResponseTypes.contains("ReportBatchItemFailures") }
}
