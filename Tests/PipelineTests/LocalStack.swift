import AWSClient
import Foundation
import Harness
import Logging
import TestSupport
import Topology

@testable import Emulator

/// The emulator in-process on a free port, with `emulator/stack.yaml` applied through the public API, for tests
/// that run the real bootstraps against it.
struct LocalStack: Sendable {
    let server: EmulatorServer
    let stack: StackTopology
    let queueURLs: [String: String]

    var endpoint: String { server.baseURL.absoluteString }

    /// The environment an AWS SDK (or our client) needs to reach the emulator.
    var awsEnvironment: [String: String] {
        [
            "AWS_ACCESS_KEY_ID": stack.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": stack.credentials.secretAccessKey,
            "AWS_REGION": stack.region,
            "AWS_ENDPOINT_URL": endpoint,
        ]
    }

    func sqsClient() throws -> SQSClient {
        SQSClient(
            configuration: try AWSConfiguration(environment: awsEnvironment), transport: URLSessionTransport(),
            logger: Logger(label: "test"))
    }

    static func with<Result: Sendable>(_ body: @Sendable (LocalStack) async throws -> Result) async throws -> Result {
        var logger = Logger(label: "local-stack")
        logger.logLevel = .critical
        let stack = try StackTopology.load(
            from: ChildProcess.packageRoot.appendingPathComponent("emulator/stack.yaml").path)
        let emulator = try Emulator(
            configuration: EmulatorConfiguration(
                port: 0, credentials: [stack.credentials.accessKeyID: stack.credentials.secretAccessKey]),
            logger: logger)
        let server = EmulatorServer(emulator: emulator, logger: logger)
        _ = try await server.start()
        do {
            let environment = [
                "AWS_ACCESS_KEY_ID": stack.credentials.accessKeyID,
                "AWS_SECRET_ACCESS_KEY": stack.credentials.secretAccessKey, "AWS_REGION": stack.region,
                "AWS_ENDPOINT_URL": server.baseURL.absoluteString,
            ]
            let configuration = try AWSConfiguration(environment: environment)
            let transport = URLSessionTransport()
            let applied = try await StackApplier(
                sqs: SQSClient(configuration: configuration, transport: transport, logger: logger),
                secrets: SecretsManagerClient(configuration: configuration, transport: transport, logger: logger),
                logger: logger
            ).apply(stack)
            let result = try await body(LocalStack(server: server, stack: stack, queueURLs: applied.queueURLs))
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }
}
