/// A CloudWatch-style alarm of the stack: a metric, a statistic over a period, a threshold, and how many of the
/// last `evaluationPeriods` datapoints must breach (`datapointsToAlarm`, "M of N") with missing data treated as
/// `treatMissingData` says — the settings of CloudWatch's `PutMetricAlarm`, which production's alarms carry.
public struct AlarmDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    public var namespace: String
    public var metric: String
    public var dimensions: [String: String]
    public var statistic: String
    public var period: Int
    /// N: how many periods, newest first, are looked at.
    public var evaluationPeriods: Int
    /// M: how many of them must breach for ALARM.
    public var datapointsToAlarm: Int
    public var threshold: Double
    public var comparison: Comparison
    public var treatMissingData: MissingData
    public var unit: String?

    /// CloudWatch's `TreatMissingData`.
    public enum MissingData: String, Codable, Sendable {
        /// A missing datapoint is left out; with none at all the alarm has insufficient data.
        case missing
        /// A missing datapoint counts as within the threshold.
        case notBreaching
        /// A missing datapoint counts as breaching.
        case breaching
        /// The alarm keeps its state; the emulator, which keeps no alarm history, treats it as `missing`.
        case ignore
    }

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
        description: String? = nil,
        namespace: String,
        metric: String,
        dimensions: [String: String] = [:],
        statistic: String = "Sum",
        period: Int = 60,
        evaluationPeriods: Int = 1,
        datapointsToAlarm: Int? = nil,
        threshold: Double,
        comparison: Comparison,
        treatMissingData: MissingData = .missing,
        unit: String? = nil
    ) {
        self.name = name
        self.description = description
        self.namespace = namespace
        self.metric = metric
        self.dimensions = dimensions
        self.statistic = statistic
        self.period = period
        self.evaluationPeriods = evaluationPeriods
        self.datapointsToAlarm = datapointsToAlarm ?? evaluationPeriods
        self.threshold = threshold
        self.comparison = comparison
        self.treatMissingData = treatMissingData
        self.unit = unit
    }

    enum CodingKeys: String, CodingKey {
        case name, description, namespace, metric, dimensions, statistic, period
        case evaluationPeriods = "evaluation_periods"
        case datapointsToAlarm = "datapoints_to_alarm"
        case threshold, comparison
        case treatMissingData = "treat_missing_data"
        case unit
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        namespace = try container.decode(String.self, forKey: .namespace)
        metric = try container.decode(String.self, forKey: .metric)
        dimensions = try container.decodeIfPresent([String: String].self, forKey: .dimensions) ?? [:]
        statistic = try container.decodeIfPresent(String.self, forKey: .statistic) ?? "Sum"
        period = try container.decodeIfPresent(Int.self, forKey: .period) ?? 60
        evaluationPeriods = try container.decodeIfPresent(Int.self, forKey: .evaluationPeriods) ?? 1
        datapointsToAlarm = try container.decodeIfPresent(Int.self, forKey: .datapointsToAlarm) ?? evaluationPeriods
        threshold = try container.decode(Double.self, forKey: .threshold)
        comparison = try container.decode(Comparison.self, forKey: .comparison)
        treatMissingData = try container.decodeIfPresent(MissingData.self, forKey: .treatMissingData) ?? .missing
        unit = try container.decodeIfPresent(String.self, forKey: .unit)
    }
}
