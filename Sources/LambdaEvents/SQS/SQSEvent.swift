/// The event Lambda's SQS event source mapping delivers to a function: a batch of messages under `Records`.
///
/// Shaped exactly as Lambda sends it (see "Using Lambda with Amazon SQS"), so the emulator can build it and the
/// consumer can decode it with the same type.
public struct SQSEvent: Codable, Sendable, Equatable {
    public var records: [SQSEventRecord]

    public init(records: [SQSEventRecord]) {
        self.records = records
    }

    enum CodingKeys: String, CodingKey {
        case records = "Records"
    }
}
