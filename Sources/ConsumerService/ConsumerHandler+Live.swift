import AsanaAPI
import Foundation
import Routing
import SentryAPI
import ServiceSupport

extension ConsumerHandler {
    /// The production wiring the bootstrap calls at init: loads and validates the routing table, checks the
    /// secrets hold `ASANA_PAT` and `SENTRY_PAT`, and builds the HTTP clients over `transport`.
    /// Throws `ConfigurationError` (the Lambda init error) for anything missing.
    public static func live(
        configuration: ConsumerConfiguration,
        secrets: ServiceSecrets,
        transport: any APITransport,
        deadLetters: any DeadLetterSink,
        visibility: any VisibilityExtender,
        clock: any ServiceClock = SystemClock()
    ) throws(ConfigurationError) -> ConsumerHandler {
        let table: RoutingTable
        do {
            table = try RoutingTable.load(path: configuration.routingTablePath)
        } catch {
            throw ConfigurationError(variable: "ROUTING_TABLE_PATH", problem: error.description)
        }
        guard let asanaToken = secrets.asanaPAT else {
            throw ConfigurationError(variable: configuration.secretName, problem: "has no ASANA_PAT")
        }
        guard let sentryToken = secrets.sentryPAT else {
            throw ConfigurationError(variable: configuration.secretName, problem: "has no SENTRY_PAT")
        }
        // Sentry answers a wrong or under-scoped token with 401 or 403; Asana a wrong one with 401 (its 403 is
        // about one object, such as a private task).
        let refusals = CredentialRefusals()
        // A request never outlives the invocation: its timeout is cut to the time left less the safety margin.
        let transport = DeadlineBoundTransport(inner: transport, clock: clock, margin: configuration.safetyMargin)
        let sentry = DefaultSentryClient(
            baseURL: configuration.sentryBaseURL,
            organization: configuration.sentryOrganization,
            token: sentryToken,
            transport: RefusalWatchingTransport(
                inner: transport,
                credential: "SENTRY_PAT",
                statuses: [401, 403],
                refusals: refusals
            )
        )
        let asana = DefaultAsanaClient(
            baseURL: configuration.asanaBaseURL,
            token: asanaToken,
            transport: RefusalWatchingTransport(
                inner: transport,
                credential: "ASANA_PAT",
                statuses: [401],
                refusals: refusals
            )
        )
        return ConsumerHandler(
            configuration: configuration,
            table: table,
            sentry: sentry,
            asana: asana,
            deadLetters: deadLetters,
            visibility: visibility,
            clock: clock,
            refusals: refusals
        )
    }
}
