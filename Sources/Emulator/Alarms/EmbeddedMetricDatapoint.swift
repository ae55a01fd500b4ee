import Foundation

/// A datapoint a function published in CloudWatch's embedded metric format: a JSON log line with an
/// `_aws.CloudWatchMetrics` directive naming the namespace, the dimension sets and the metrics, whose values and
/// dimension values are the line's top-level keys. On AWS such lines become metrics; the emulator reads the same
/// lines from the functions' logs, so an alarm on a custom metric behaves locally as it pages in production.
package struct EmbeddedMetricDatapoint: Sendable, Equatable {
    package var namespace: String
    package var metric: String
    /// One dimension set of the directive, with its values.
    package var dimensions: [String: String]
    package var value: Double
    /// When the line was logged, on the emulator's clock.
    package var time: Date

    /// Every datapoint of one log line (none when it is not an embedded-metric line).
    package static func parse(_ message: String, loggedAt time: Date) -> [EmbeddedMetricDatapoint] {
        guard message.hasPrefix("{"), message.contains("\"_aws\""),
            let object = (try? JSONSerialization.jsonObject(with: Data(message.utf8))) as? [String: Any],
            let aws = object["_aws"] as? [String: Any],
            let directives = aws["CloudWatchMetrics"] as? [[String: Any]]
        else { return [] }
        var points: [EmbeddedMetricDatapoint] = []
        for directive in directives {
            guard let namespace = directive["Namespace"] as? String,
                let metrics = directive["Metrics"] as? [[String: Any]]
            else { continue }
            let dimensionSets = (directive["Dimensions"] as? [[String]]) ?? [[]]
            for metric in metrics {
                guard let name = metric["Name"] as? String else { continue }
                let values: [Double]
                if let number = object[name] as? NSNumber {
                    values = [number.doubleValue]
                } else if let numbers = object[name] as? [NSNumber] {
                    values = numbers.map(\.doubleValue)
                } else {
                    continue
                }
                for keys in dimensionSets {
                    var dimensions: [String: String] = [:]
                    for key in keys { dimensions[key] = object[key].map { "\($0)" } ?? "" }
                    for value in values {
                        points.append(
                            EmbeddedMetricDatapoint(
                                namespace: namespace,
                                metric: name,
                                dimensions: dimensions,
                                value: value,
                                time: time
                            )
                        )
                    }
                }
            }
        }
        return points
    }
}
