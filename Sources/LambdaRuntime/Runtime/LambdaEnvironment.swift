import Foundation

/// The variables Lambda sets in a function's execution environment, typed. Built from the process environment
/// in production and from a dictionary in tests.
public struct LambdaEnvironment: Sendable, Equatable {
    /// `AWS_LAMBDA_RUNTIME_API`: `host:port` of the Runtime API.
    public var runtimeAPI: String
    public var functionName: String?
    public var functionVersion: String?
    public var memorySizeMB: Int?
    public var logGroupName: String?
    public var logStreamName: String?
    /// `_HANDLER`: the handler name configured on the function.
    public var handler: String?
    /// `LAMBDA_TASK_ROOT`: where the function code lives.
    public var taskRoot: String?
    public var region: String?
    /// `AWS_LAMBDA_INITIALIZATION_TYPE`: `on-demand`, `provisioned-concurrency` or `snap-start`.
    public var initializationType: String?

    public static let runtimeAPIVariable = "AWS_LAMBDA_RUNTIME_API"

    public init(
        runtimeAPI: String,
        functionName: String? = nil,
        functionVersion: String? = nil,
        memorySizeMB: Int? = nil,
        logGroupName: String? = nil,
        logStreamName: String? = nil,
        handler: String? = nil,
        taskRoot: String? = nil,
        region: String? = nil,
        initializationType: String? = nil
    ) {
        self.runtimeAPI = runtimeAPI
        self.functionName = functionName
        self.functionVersion = functionVersion
        self.memorySizeMB = memorySizeMB
        self.logGroupName = logGroupName
        self.logStreamName = logStreamName
        self.handler = handler
        self.taskRoot = taskRoot
        self.region = region
        self.initializationType = initializationType
    }

    /// Reads the variables from `variables` (the process environment by default). `AWS_LAMBDA_RUNTIME_API` is
    /// required and must be `host:port`; `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, when set, must be a number. The
    /// region is `AWS_REGION`, else `AWS_DEFAULT_REGION`.
    public init(_ variables: [String: String] = ProcessInfo.processInfo.environment) throws(LambdaRuntimeError) {
        func value(_ name: String) -> String? {
            guard let value = variables[name], !value.isEmpty else { return nil }
            return value
        }
        guard let runtimeAPI = value(Self.runtimeAPIVariable) else {
            throw LambdaRuntimeError(
                .missingEnvironmentVariable,
                "\(Self.runtimeAPIVariable) is not set; this process must run as a Lambda custom runtime"
            )
        }
        guard Self.isHostAndPort(runtimeAPI) else {
            throw LambdaRuntimeError(
                .invalidEnvironmentVariable,
                "\(Self.runtimeAPIVariable) must be host:port, got \"\(runtimeAPI)\""
            )
        }
        var memorySizeMB: Int?
        if let memory = value("AWS_LAMBDA_FUNCTION_MEMORY_SIZE") {
            guard let megabytes = Int(memory), megabytes > 0 else {
                throw LambdaRuntimeError(
                    .invalidEnvironmentVariable,
                    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE must be a positive number of megabytes, got \"\(memory)\""
                )
            }
            memorySizeMB = megabytes
        }
        self.init(
            runtimeAPI: runtimeAPI,
            functionName: value("AWS_LAMBDA_FUNCTION_NAME"),
            functionVersion: value("AWS_LAMBDA_FUNCTION_VERSION"),
            memorySizeMB: memorySizeMB,
            logGroupName: value("AWS_LAMBDA_LOG_GROUP_NAME"),
            logStreamName: value("AWS_LAMBDA_LOG_STREAM_NAME"),
            handler: value("_HANDLER"),
            taskRoot: value("LAMBDA_TASK_ROOT"),
            region: value("AWS_REGION") ?? value("AWS_DEFAULT_REGION"),
            initializationType: value("AWS_LAMBDA_INITIALIZATION_TYPE")
        )
    }

    /// The base URL of the Runtime API with its version, `http://host:port/2018-06-01`.
    public var baseURL: URL {
        URL(string: "http://\(runtimeAPI)/2018-06-01")!
    }

    static func isHostAndPort(_ text: String) -> Bool {
        guard let colon = text.lastIndex(of: ":") else { return false }
        let host = text[..<colon]
        guard let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port), !host.isEmpty else {
            return false
        }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-[]:"))
        return host.unicodeScalars.allSatisfy { allowed.contains($0) }
            && URL(string: "http://\(text)/2018-06-01") != nil
    }
}
