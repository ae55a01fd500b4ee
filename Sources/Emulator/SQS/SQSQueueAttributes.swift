import Foundation

/// The settable attributes of a queue and their rules: names, defaults, ranges, as the SQS API reference
/// gives them (a queue may take 1 MiB messages since August 2025). Values are kept as the strings the API carries.
package enum SQSQueueAttributes {
    package static let defaults: [String: String] = [
        "DelaySeconds": "0",
        "MaximumMessageSize": "262144",
        "MessageRetentionPeriod": "345600",
        "ReceiveMessageWaitTimeSeconds": "0",
        "VisibilityTimeout": "30",
        "SqsManagedSseEnabled": "true",
    ]

    package static let fifoDefaults: [String: String] = [
        "FifoQueue": "true",
        "ContentBasedDeduplication": "false",
        "DeduplicationScope": "queue",
        "FifoThroughputLimit": "perQueue",
    ]

    package static let computed: [String] = [
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed",
        "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn",
    ]

    /// Every queue attribute name (`QueueAttributeName` in the API), `All` included.
    package static let names: Set<String> = Set(computed + Array(defaults.keys)).union([
        "All", "Policy", "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds",
        "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit",
    ])

    static let ranges: [String: ClosedRange<Int>] = [
        "DelaySeconds": 0...900,
        "MaximumMessageSize": 1024...1_048_576,
        "MessageRetentionPeriod": 60...1_209_600,
        "ReceiveMessageWaitTimeSeconds": 0...20,
        "VisibilityTimeout": 0...43_200,
        "KmsDataKeyReusePeriodSeconds": 60...86_400,
    ]

    static let free: Set<String> = ["Policy", "KmsMasterKeyId", "RedriveAllowPolicy"]
    static let booleans: Set<String> = ["SqsManagedSseEnabled", "ContentBasedDeduplication", "FifoQueue"]
    static let fifoOnly: Set<String> = ["ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"]

    /// Checks `attributes` for a queue (FIFO or not) and returns them normalised; `FifoQueue` may only be
    /// given at creation (`creating`).
    package static func validate(
        _ attributes: [String: String],
        fifo: Bool,
        creating: Bool
    ) throws(AWSError) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in attributes {
            if let range = ranges[name] {
                guard let number = Int(value), range.contains(number) else {
                    throw invalidValue(name, value)
                }
                out[name] = String(number)
            } else if booleans.contains(name) {
                guard value == "true" || value == "false" else { throw invalidValue(name, value) }
                if name == "FifoQueue" {
                    guard creating else { throw invalidName(name) }
                    guard (value == "true") == fifo else {
                        throw AWSError.invalidParameterValue(
                            fifo
                                ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length."
                                : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
                        )
                    }
                }
                if fifoOnly.contains(name), !fifo { throw invalidName(name) }
                out[name] = value
            } else if name == "DeduplicationScope" {
                guard fifo else { throw invalidName(name) }
                guard value == "queue" || value == "messageGroup" else { throw invalidValue(name, value) }
                out[name] = value
            } else if name == "FifoThroughputLimit" {
                guard fifo else { throw invalidName(name) }
                guard value == "perQueue" || value == "perMessageGroupId" else { throw invalidValue(name, value) }
                out[name] = value
            } else if name == "RedrivePolicy" {
                out[name] = value.isEmpty ? "" : try SQSRedrivePolicy(json: value).json
            } else if free.contains(name) {
                out[name] = value
            } else {
                throw invalidName(name)
            }
        }
        return out
    }

    package static func invalidValue(_ name: String, _ value: String) -> AWSError {
        AWSError("InvalidAttributeValue", "Invalid value for the parameter \(name).")
    }

    package static func invalidName(_ name: String) -> AWSError {
        AWSError("InvalidAttributeName", "Unknown Attribute \(name).")
    }
}

/// `RedrivePolicy`: the dead-letter queue and the receive count that sends a message there.
package struct SQSRedrivePolicy: Sendable, Equatable {
    package var deadLetterTargetArn: String
    package var maxReceiveCount: Int

    package init(deadLetterTargetArn: String, maxReceiveCount: Int) {
        self.deadLetterTargetArn = deadLetterTargetArn
        self.maxReceiveCount = maxReceiveCount
    }

    /// Parses the JSON string SQS stores; `maxReceiveCount` may be a number or a string, as AWS accepts both.
    package init(json: String) throws(AWSError) {
        let invalid = AWSError(
            "InvalidParameterValue",
            "Value \(json) for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map."
        )
        guard let data = json.data(using: .utf8),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { throw invalid }
        guard let arn = object["deadLetterTargetArn"] as? String, arn.hasPrefix("arn:") else {
            throw AWSError(
                "InvalidParameterValue",
                "Value \(json) for parameter RedrivePolicy is invalid. Reason: Invalid value for deadLetterTargetArn."
            )
        }
        let count: Int? =
            if let number = object["maxReceiveCount"] as? NSNumber, !(object["maxReceiveCount"] is String) {
                number.intValue
            } else if let text = object["maxReceiveCount"] as? String {
                Int(text)
            } else { nil }
        guard let count, (1...1000).contains(count) else {
            throw AWSError(
                "InvalidParameterValue",
                "Value \(json) for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: \(object["maxReceiveCount"].map { "\($0)" } ?? "null"), valid values are from 1 to 1000 both inclusive."
            )
        }
        self.init(deadLetterTargetArn: arn, maxReceiveCount: count)
    }

    /// The canonical JSON string, as GetQueueAttributes returns it.
    package var json: String {
        "{\"deadLetterTargetArn\":\"\(deadLetterTargetArn)\",\"maxReceiveCount\":\(maxReceiveCount)}"
    }
}
