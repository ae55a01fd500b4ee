import AWSClient
import Emulator
import Foundation
import Logging
import Stubs
import Topology

/// The whole pipeline on one box, in one process: the emulator (SQS, Secrets Manager, STS, Lambda), the Asana
/// and Sentry stubs, the stack applied, the real `producer` and `consumer` executables registered as functions,
/// the producer's Function URL and the consumer's event source mapping running. `devstack up` and
/// `devstack demo` are thin layers over this.
package final class LocalPipeline: Sendable {
    package struct Options: Sendable {
        package var stackPath: String
        package var fixturesPath: String
        /// SQLite file of the emulator's state; `nil` keeps it in memory.
        package var statePath: String?
        package var virtualClock = false
        package var host = "127.0.0.1"
        package var emulatorPort = 0
        package var asanaPort = 0
        package var sentryPort = 0
        package var webhookPort = 0
        /// Where `producer` and `consumer` are; default: beside the running executable.
        package var productsFolder: String
        /// Applied to the stack after loading (the demo shortens production's timings with it).
        package var adjust: @Sendable (inout StackTopology) -> Void = { _ in }

        package init(stackPath: String, fixturesPath: String, productsFolder: String) {
            self.stackPath = stackPath
            self.fixturesPath = fixturesPath
            self.productsFolder = productsFolder
        }
    }

    /// The addresses a person or a script needs.
    package struct Endpoints: Sendable, Codable {
        package var webhookURL: String
        package var awsEndpoint: String
        package var asanaURL: String
        package var sentryURL: String

        enum CodingKeys: String, CodingKey {
            case webhookURL = "webhook_url"
            case awsEndpoint = "aws_endpoint"
            case asanaURL = "asana_url"
            case sentryURL = "sentry_url"
        }
    }

    package let stack: StackTopology
    package let emulator: Emulator
    package let server: EmulatorServer
    package let stubs: StubStack
    package let functions: LambdaFunctionRegistry
    package let mappings: SQSEventSourceMappingRegistry
    package let functionURLs: [FunctionURLServer]
    package let endpoints: Endpoints
    package let queueURLs: [String: String]
    private let stubsTask: Task<Void, any Error>

    private init(
        stack: StackTopology, emulator: Emulator, server: EmulatorServer, stubs: StubStack,
        functions: LambdaFunctionRegistry, mappings: SQSEventSourceMappingRegistry, functionURLs: [FunctionURLServer],
        endpoints: Endpoints, queueURLs: [String: String], stubsTask: Task<Void, any Error>
    ) {
        self.stack = stack
        self.emulator = emulator
        self.server = server
        self.stubs = stubs
        self.functions = functions
        self.mappings = mappings
        self.functionURLs = functionURLs
        self.endpoints = endpoints
        self.queueURLs = queueURLs
        self.stubsTask = stubsTask
    }

    /// Starts everything; on any failure what was started is stopped again before the error is thrown.
    package static func start(_ options: Options, logger: Logger) async throws -> LocalPipeline {
        var stack = try StackTopology.load(from: options.stackPath)
        options.adjust(&stack)
        try stack.validate(source: options.stackPath)
        let secretValues = try Self.secretValues(stack)

        // 1. The emulator.
        let emulator = try Emulator(
            configuration: EmulatorConfiguration(
                host: options.host, port: options.emulatorPort, statePath: options.statePath,
                virtualClock: options.virtualClock, accountID: stack.accountID, region: stack.region,
                credentials: [stack.credentials.accessKeyID: stack.credentials.secretAccessKey]),
            logger: logger)
        let server = EmulatorServer(emulator: emulator, logger: logger)
        try await server.start()
        let awsEndpoint = server.baseURL.absoluteString

        // 2. The stubs, with the tokens the stack's secret holds.
        let stubs = try StubStack(
            seed: URL(fileURLWithPath: options.fixturesPath),
            asanaToken: secretValues["ASANA_PAT"] ?? StubDefaults.asanaToken,
            sentryToken: secretValues["SENTRY_PAT"] ?? StubDefaults.sentryToken, sentryRateLimit: 1_000)
        let (ready, readyContinuation) = AsyncStream<(URL, URL)>.makeStream()
        let stubsTask = Task {
            defer { readyContinuation.finish() }
            try await stubs.run(host: options.host, asanaPort: options.asanaPort, sentryPort: options.sentryPort) {
                readyContinuation.yield(($0, $1))
            }
        }
        var stubURLs: (URL, URL)?
        for await urls in ready {
            stubURLs = urls
            break
        }
        do {
            guard let (asanaBase, sentryBase) = stubURLs else {
                throw TopologyError(.invalid, "the Asana and Sentry stubs did not start")
            }

            // 3. The stack's queues and secrets, through the public API.
            let environment = [
                "AWS_ACCESS_KEY_ID": stack.credentials.accessKeyID,
                "AWS_SECRET_ACCESS_KEY": stack.credentials.secretAccessKey, "AWS_REGION": stack.region,
                "AWS_ENDPOINT_URL": awsEndpoint,
            ]
            let configuration = try AWSConfiguration(environment: environment)
            let transport = URLSessionTransport()
            let applied = try await StackApplier(
                sqs: SQSClient(configuration: configuration, transport: transport, logger: logger),
                secrets: SecretsManagerClient(configuration: configuration, transport: transport, logger: logger),
                logger: logger
            ).apply(stack)

            // 4. The functions, their URLs and the event source mappings.
            let clock = EmulatorLambdaClock(emulator.clock)
            let functions = LambdaFunctionRegistry(
                region: stack.region, accountID: stack.accountID, clock: clock,
                environment: LambdaEnvironment(
                    accessKeyID: stack.credentials.accessKeyID, secretAccessKey: stack.credentials.secretAccessKey,
                    endpointURL: awsEndpoint),
                logger: logger)
            let repository = URL(fileURLWithPath: options.stackPath).deletingLastPathComponent()
                .deletingLastPathComponent().standardizedFileURL.path
            let template = TemplateValues(
                values: [
                    "aws_endpoint": awsEndpoint, "asana_url": asanaBase.appendingPathComponent("api/1.0").absoluteString,
                    "sentry_url": sentryBase.absoluteString, "repo": repository,
                ],
                queueURL: { applied.queueURLs[$0] })
            var urlServers: [FunctionURLServer] = []
            for function in stack.functions {
                let executable =
                    function.executable.hasPrefix("/")
                    ? function.executable : "\(options.productsFolder)/\(function.executable)"
                guard FileManager.default.isExecutableFile(atPath: executable) else {
                    throw TopologyError(
                        .invalid,
                        "function '\(function.name)': no executable at \(executable) (build it: swift build --product \(function.executable))"
                    )
                }
                let host = await functions.register(
                    LambdaFunctionConfiguration(
                        name: function.name, executablePath: executable, timeout: Double(function.timeout),
                        memorySize: function.memory, reservedConcurrency: function.reservedConcurrency,
                        environment: try template.environment(of: function), region: stack.region,
                        accountID: stack.accountID))
                if function.functionURL {
                    let urlServer = FunctionURLServer(
                        host: host, address: options.host, port: urlServers.isEmpty ? options.webhookPort : 0,
                        logger: logger)
                    try await urlServer.start()
                    urlServers.append(urlServer)
                }
            }
            let mappings = SQSEventSourceMappingRegistry(
                functions: functions, queues: SQSServiceMappingQueueProvider(sqs: emulator.sqs, region: stack.region),
                clock: clock, logger: logger)
            for mapping in stack.eventSourceMappings {
                _ = try await mappings.create(
                    SQSEventSourceMappingSettings(
                        functionName: mapping.function,
                        eventSourceARN: "arn:aws:sqs:\(stack.region):\(stack.accountID):\(mapping.queue)",
                        batchSize: mapping.batchSize, maximumBatchingWindowInSeconds: mapping.maximumBatchingWindow,
                        reportBatchItemFailures: mapping.reportsBatchItemFailures,
                        maximumConcurrency: mapping.maximumConcurrency, enabled: mapping.enabled))
            }
            return LocalPipeline(
                stack: stack, emulator: emulator, server: server, stubs: stubs, functions: functions,
                mappings: mappings, functionURLs: urlServers,
                endpoints: Endpoints(
                    webhookURL: urlServers.first?.url.absoluteString ?? "", awsEndpoint: awsEndpoint,
                    asanaURL: asanaBase.appendingPathComponent("api/1.0").absoluteString,
                    sentryURL: sentryBase.absoluteString),
                queueURLs: applied.queueURLs, stubsTask: stubsTask)
        } catch {
            stubsTask.cancel()
            _ = await stubsTask.result
            await server.shutdown()
            throw error
        }
    }

    /// Stops the mappings, every function instance (by PID), the URLs, the stubs and the emulator.
    package func shutdown() async {
        await mappings.shutdown()
        await functions.shutdown()
        for server in functionURLs { await server.shutdown() }
        stubsTask.cancel()
        _ = await stubsTask.result
        await server.shutdown()
    }

    /// The stack's first secret as key/value pairs (the development tokens the stubs accept).
    static func secretValues(_ stack: StackTopology) throws -> [String: String] {
        guard let secret = stack.secrets.first else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(secret.secretString.utf8))) ?? [:]
    }
}
