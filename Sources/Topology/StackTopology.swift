/// The local stack as `emulator/stack.yaml` declares it: queues with their DLQ and redrive, secrets, functions,
/// event source mappings and alarms, with production's names and numbers.
///
/// The emulator applies it (idempotently) and the harness reads it to know what to start; neither the producer
/// nor the consumer ever sees it.
public struct StackTopology: Codable, Sendable, Equatable {
    public var accountID: String
    public var region: String
    public var credentials: Credentials
    public var queues: [QueueDefinition]
    public var secrets: [SecretDefinition]
    public var functions: [FunctionDefinition]
    public var eventSourceMappings: [EventSourceMappingDefinition]
    public var alarms: [AlarmDefinition]

    public struct Credentials: Codable, Sendable, Equatable {
        public var accessKeyID: String
        public var secretAccessKey: String

        public init(accessKeyID: String, secretAccessKey: String) {
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
        }

        enum CodingKeys: String, CodingKey {
            case accessKeyID = "access_key_id"
            case secretAccessKey = "secret_access_key"
        }
    }

    public init(
        accountID: String = "000000000000",
        region: String = "us-east-1",
        credentials: Credentials = .init(accessKeyID: "test", secretAccessKey: "test"),
        queues: [QueueDefinition] = [],
        secrets: [SecretDefinition] = [],
        functions: [FunctionDefinition] = [],
        eventSourceMappings: [EventSourceMappingDefinition] = [],
        alarms: [AlarmDefinition] = []
    ) {
        self.accountID = accountID
        self.region = region
        self.credentials = credentials
        self.queues = queues
        self.secrets = secrets
        self.functions = functions
        self.eventSourceMappings = eventSourceMappings
        self.alarms = alarms
    }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case region, credentials, queues, secrets, functions
        case eventSourceMappings = "event_source_mappings"
        case alarms
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accountID = try container.decodeIfPresent(String.self, forKey: .accountID) ?? "000000000000"
        region = try container.decodeIfPresent(String.self, forKey: .region) ?? "us-east-1"
        credentials =
            try container.decodeIfPresent(Credentials.self, forKey: .credentials)
            ?? .init(accessKeyID: "test", secretAccessKey: "test")
        queues = try container.decodeIfPresent([QueueDefinition].self, forKey: .queues) ?? []
        secrets = try container.decodeIfPresent([SecretDefinition].self, forKey: .secrets) ?? []
        functions = try container.decodeIfPresent([FunctionDefinition].self, forKey: .functions) ?? []
        eventSourceMappings =
            try container.decodeIfPresent([EventSourceMappingDefinition].self, forKey: .eventSourceMappings) ?? []
        alarms = try container.decodeIfPresent([AlarmDefinition].self, forKey: .alarms) ?? []
    }

    /// The queue called `name`.
    public func queue(named name: String) -> QueueDefinition? { queues.first { $0.name == name } }

    /// The function called `name`.
    public func function(named name: String) -> FunctionDefinition? { functions.first { $0.name == name } }
}
