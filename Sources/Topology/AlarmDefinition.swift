/// A CloudWatch-style alarm of the stack: a metric, a statistic over a period and a threshold.
public struct AlarmDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var namespace: String
    public var metric: String
    public var dimensions: [String: String]
    public var statistic: String
    public var period: Int
    public var threshold: Double
    public var comparison: Comparison

    public enum Comparison: String, Codable, Sendable {
        case greaterThanOrEqualToThreshold = "GreaterThanOrEqualToThreshold"
        case greaterThanThreshold = "GreaterThanThreshold"
        case lessThanThreshold = "LessThanThreshold"
        case lessThanOrEqualToThreshold = "LessThanOrEqualToThreshold"

        /// Whether `value` breaches `threshold` under this comparison.
        public func breaches(_ value: Double, threshold: Double) -> Bool {
            switch self {
            case .greaterThanOrEqualToThreshold: value >= threshold
            case .greaterThanThreshold: value > threshold
            case .lessThanThreshold: value < threshold
            case .lessThanOrEqualToThreshold: value <= threshold
            }
        }
    }

    public init(
        name: String,
        namespace: String,
        metric: String,
        dimensions: [String: String] = [:],
        statistic: String = "Sum",
        period: Int = 60,
        threshold: Double,
        comparison: Comparison
    ) {
        self.name = name
        self.namespace = namespace
        self.metric = metric
        self.dimensions = dimensions
        self.statistic = statistic
        self.period = period
        self.threshold = threshold
        self.comparison = comparison
    }
}
