import Emulator
import Foundation
import Logging
import Stubs
import Topology

/// The whole pipeline on one box, in one process: the Asana and Sentry stubs and an emulator that loaded the
/// stack (SQS, Secrets Manager, STS and Lambda: the real `producer` and `consumer` executables as functions, the
/// producer's Function URL and the consumer's event source mapping). `devstack up` and `devstack demo` are thin
/// layers over this; `devstack emulator --stack` is the same emulator without the stubs, in its own process.
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
        /// The emulator's dashboard page: `awsEndpoint` + `/_devstack/dashboard`.
        package var dashboardURL: String

        enum CodingKeys: String, CodingKey {
            case webhookURL = "webhook_url"
            case awsEndpoint = "aws_endpoint"
            case asanaURL = "asana_url"
            case sentryURL = "sentry_url"
            case dashboardURL = "dashboard_url"
        }
    }

    package let stack: StackTopology
    package let emulator: Emulator
    package let server: EmulatorServer
    package let stubs: StubStack
    /// What the emulator loaded: queue URLs, Function URLs, mapping UUIDs.
    package let loaded: LoadedStack
    package let endpoints: Endpoints
    package var queueURLs: [String: String] { loaded.queueURLs }
    private let stubsTask: Task<Void, any Error>

    private init(
        stack: StackTopology,
        emulator: Emulator,
        server: EmulatorServer,
        stubs: StubStack,
        loaded: LoadedStack,
        endpoints: Endpoints,
        stubsTask: Task<Void, any Error>
    ) {
        self.stack = stack
        self.emulator = emulator
        self.server = server
        self.stubs = stubs
        self.loaded = loaded
        self.endpoints = endpoints
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
                host: options.host,
                port: options.emulatorPort,
                statePath: options.statePath,
                virtualClock: options.virtualClock,
                accountID: stack.accountID,
                region: stack.region,
                credentials: [stack.credentials.accessKeyID: stack.credentials.secretAccessKey],
                fixturesPath: options.fixturesPath
            ),
            logger: logger
        )
        let server = EmulatorServer(emulator: emulator, logger: logger)
        try await server.start()

        // 2. The stubs, with the tokens the stack's secret holds.
        let stubs = try StubStack(
            seed: URL(fileURLWithPath: options.fixturesPath),
            asanaToken: secretValues["ASANA_PAT"] ?? StubDefaults.asanaToken,
            sentryToken: secretValues["SENTRY_PAT"] ?? StubDefaults.sentryToken,
            sentryRateLimit: 1_000
        )
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
            let asanaURL = asanaBase.appendingPathComponent("api/1.0").absoluteString

            // 3. The stack, loaded by the emulator itself: queues, secrets, functions, mappings, Function URLs.
            let repository = URL(fileURLWithPath: options.stackPath).standardizedFileURL.deletingLastPathComponent()
                .deletingLastPathComponent().path
            let loaded = try await server.loadStack(
                stack,
                options: StackLoadOptions(
                    productsFolder: options.productsFolder,
                    variables: ["asana_url": asanaURL, "sentry_url": sentryBase.absoluteString, "repo": repository],
                    functionURLAddress: options.host,
                    webhookPort: options.webhookPort
                )
            )
            return LocalPipeline(
                stack: stack,
                emulator: emulator,
                server: server,
                stubs: stubs,
                loaded: loaded,
                endpoints: Endpoints(
                    webhookURL: loaded.webhookURL ?? "",
                    awsEndpoint: loaded.awsEndpoint,
                    asanaURL: asanaURL,
                    sentryURL: sentryBase.absoluteString,
                    dashboardURL: loaded.awsEndpoint + "/_devstack/dashboard"
                ),
                stubsTask: stubsTask
            )
        } catch {
            stubsTask.cancel()
            _ = await stubsTask.result
            await server.shutdown()
            throw error
        }
    }

    /// Stops the emulator (its mappings, every function instance by PID, the Function URLs) and the stubs.
    package func shutdown() async {
        await server.shutdown()
        stubsTask.cancel()
        _ = await stubsTask.result
    }

    /// The stack's first secret as key/value pairs (the development tokens the stubs accept).
    static func secretValues(_ stack: StackTopology) throws -> [String: String] {
        guard let secret = stack.secrets.first else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(secret.secretString.utf8))) ?? [:]
    }
}
