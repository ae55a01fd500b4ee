import AWSClient
import Foundation
import Harness
import Logging
import TestSupport
import Topology

@testable import Emulator

/// The emulator in-process on a free port with `emulator/stack.yaml`'s queues and secrets loaded (no functions:
/// the tests run the real bootstraps against it themselves).
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
            configuration: try AWSConfiguration(environment: awsEnvironment),
            transport: URLSessionTransport(),
            logger: Logger(label: "test")
        )
    }

    static func with<Result: Sendable>(_ body: @Sendable (LocalStack) async throws -> Result) async throws -> Result {
        var logger = Logger(label: "local-stack")
        logger.logLevel = .critical
        let stack = try StackTopology.load(
            from: ChildProcess.packageRoot.appendingPathComponent("emulator/stack.yaml").path
        )
        let emulator = try Emulator(
            configuration: EmulatorConfiguration(
                port: 0,
                credentials: [stack.credentials.accessKeyID: stack.credentials.secretAccessKey]
            ),
            logger: logger
        )
        let server = EmulatorServer(emulator: emulator, logger: logger)
        _ = try await server.start()
        do {
            let loaded = try await server.loadStack(
                stack,
                options: StackLoadOptions(productsFolder: "", startFunctions: false)
            )
            let result = try await body(LocalStack(server: server, stack: stack, queueURLs: loaded.queueURLs))
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }
}
