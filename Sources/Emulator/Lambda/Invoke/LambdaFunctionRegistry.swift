import Foundation
import Logging

/// The emulator's functions by name: what the Lambda API routes and the event source mappings look up.
package actor LambdaFunctionRegistry {
    private var hosts: [String: LambdaFunctionHost] = [:]
    private let clock: any LambdaClock
    private let launcher: any LambdaProcessLauncher
    private var environment: LambdaEnvironment
    package nonisolated let logs: LambdaLogStore
    package nonisolated let journal: LambdaInvocationJournal
    private let logger: Logger
    package nonisolated let region: String
    package nonisolated let accountID: String
    /// When each function was registered (`LastModified`).
    private var registeredAt: [String: Date] = [:]

    package init(
        region: String = "us-east-1",
        accountID: String = "000000000000",
        clock: any LambdaClock = SystemLambdaClock(),
        launcher: any LambdaProcessLauncher = ChildProcessLauncher(),
        environment: LambdaEnvironment = LambdaEnvironment(),
        logs: LambdaLogStore = LambdaLogStore(),
        journal: LambdaInvocationJournal = LambdaInvocationJournal(),
        logger: Logger = Logger(label: "emulator.lambda")
    ) {
        self.region = region
        self.accountID = accountID
        self.clock = clock
        self.launcher = launcher
        self.environment = environment
        self.logs = logs
        self.journal = journal
        self.logger = logger
    }

    /// The environment functions registered from now on get (the emulator's endpoint is known once it is bound).
    package func setEnvironment(_ environment: LambdaEnvironment) { self.environment = environment }

    /// Points `AWS_ENDPOINT_URL` of functions registered from now on at `url`.
    package func setEndpoint(_ url: String) { environment.endpointURL = url }

    /// Adds (or replaces, stopping the old instances) a function.
    @discardableResult
    package func register(_ configuration: LambdaFunctionConfiguration) async -> LambdaFunctionHost {
        if let old = hosts[configuration.name] { await old.shutdown() }
        let host = LambdaFunctionHost(
            configuration: configuration,
            clock: clock,
            launcher: launcher,
            environment: environment,
            logs: logs,
            journal: journal,
            logger: logger
        )
        hosts[configuration.name] = host
        registeredAt[configuration.name] = clock.now
        return host
    }

    /// A function by name, full ARN or partial ARN (`NAME`, `arn:aws:lambda:REGION:ACCOUNT:function:NAME`,
    /// `ACCOUNT:function:NAME`), with an optional `$LATEST` qualifier.
    package func host(named reference: String, qualifier: String? = nil) throws(LambdaAPIError) -> LambdaFunctionHost {
        var name = reference
        var qualifierInName: String?
        if let range = reference.range(of: "function:") {
            let rest = reference[range.upperBound...].split(separator: ":", omittingEmptySubsequences: false)
            name = rest.first.map(String.init) ?? ""
            if rest.count > 1 { qualifierInName = String(rest[1]) }
        }
        let arn = "arn:aws:lambda:\(region):\(accountID):function:\(name)"
        for candidate in [qualifier, qualifierInName].compactMap({ $0 }) where candidate != "$LATEST" {
            throw LambdaAPIError.functionNotFound("\(arn):\(candidate)")
        }
        guard let host = hosts[name] else { throw LambdaAPIError.functionNotFound(arn) }
        return host
    }

    package var functions: [LambdaFunctionHost] { hosts.keys.sorted().compactMap { hosts[$0] } }

    package func lastModified(_ name: String) -> Date { registeredAt[name] ?? Date(timeIntervalSince1970: 0) }

    /// Stops every instance of every function.
    package func shutdown() async {
        for host in hosts.values { await host.shutdown() }
    }
}
