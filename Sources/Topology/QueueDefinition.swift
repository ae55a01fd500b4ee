/// A queue of the stack. `attributes` are SQS queue attributes as `CreateQueue` takes them (strings);
/// `redrive` becomes the `RedrivePolicy` attribute.
public struct QueueDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var attributes: [String: String]
    public var redrive: Redrive?

    public struct Redrive: Codable, Sendable, Equatable {
        public var deadLetterQueue: String
        public var maxReceiveCount: Int

        public init(deadLetterQueue: String, maxReceiveCount: Int) {
            self.deadLetterQueue = deadLetterQueue
            self.maxReceiveCount = maxReceiveCount
        }

        enum CodingKeys: String, CodingKey {
            case deadLetterQueue = "dead_letter_queue"
            case maxReceiveCount = "max_receive_count"
        }
    }

    public init(name: String, attributes: [String: String] = [:], redrive: Redrive? = nil) {
        self.name = name
        self.attributes = attributes
        self.redrive = redrive
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        attributes = try container.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        redrive = try container.decodeIfPresent(Redrive.self, forKey: .redrive)
    }

    /// A FIFO queue's name ends in `.fifo`.
    public var isFIFO: Bool { name.hasSuffix(".fifo") }
}
