/// A Lambda function of the stack: which executable runs as its `bootstrap`, and the settings Lambda would
/// give it.
public struct FunctionDefinition: Codable, Sendable, Equatable {
    public var name: String
    /// A product name of this package (`producer`, `consumer`) or a path to an executable.
    public var executable: String
    /// Seconds before an invocation is stopped with `Task timed out after N seconds`.
    public var timeout: Int
    /// Megabytes, reported as `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`.
    public var memory: Int
    /// At most this many instances run at once; `nil` means the account's default.
    public var reservedConcurrency: Int?
    /// Lambda's `Handler` setting, which a custom runtime reads as `_HANDLER` (a runtime like `awslambdaric` takes
    /// `module.function` from it); `bootstrap` when the stack does not say.
    public var handler: String
    /// Whether the function has a Function URL.
    public var functionURL: Bool
    /// The function's own variables; values may hold `{{…}}` placeholders (see `TemplateValues`).
    public var environment: [String: String]
    /// Variables the shared topology leaves to each world (production and the local stack) to set with its own
    /// value: `validate()` requires every one of them in `environment`.
    public var environmentPerWorld: [String]

    public init(
        name: String,
        executable: String,
        timeout: Int = 3,
        memory: Int = 128,
        reservedConcurrency: Int? = nil,
        functionURL: Bool = false,
        environment: [String: String] = [:],
        environmentPerWorld: [String] = [],
        handler: String = "bootstrap"
    ) {
        self.name = name
        self.executable = executable
        self.timeout = timeout
        self.memory = memory
        self.reservedConcurrency = reservedConcurrency
        self.functionURL = functionURL
        self.environment = environment
        self.environmentPerWorld = environmentPerWorld
        self.handler = handler
    }

    enum CodingKeys: String, CodingKey {
        case name, executable, timeout, memory
        case reservedConcurrency = "reserved_concurrency"
        case functionURL = "function_url"
        case environment
        case environmentPerWorld = "environment_per_world"
        case handler
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        executable = try container.decode(String.self, forKey: .executable)
        timeout = try container.decodeIfPresent(Int.self, forKey: .timeout) ?? 3
        memory = try container.decodeIfPresent(Int.self, forKey: .memory) ?? 128
        reservedConcurrency = try container.decodeIfPresent(Int.self, forKey: .reservedConcurrency)
        functionURL = try container.decodeIfPresent(Bool.self, forKey: .functionURL) ?? false
        environment = try container.decodeIfPresent([String: String].self, forKey: .environment) ?? [:]
        environmentPerWorld = try container.decodeIfPresent([String].self, forKey: .environmentPerWorld) ?? []
        handler = try container.decodeIfPresent(String.self, forKey: .handler) ?? "bootstrap"
    }
}
