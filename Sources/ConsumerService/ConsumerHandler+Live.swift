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
        transport: any HTTPTransport,
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
        let sentry = DefaultSentryClient(
            baseURL: configuration.sentryBaseURL,
            organization: configuration.sentryOrganization,
            token: sentryToken,
            transport: transport
        )
        let asana = DefaultAsanaClient(baseURL: configuration.asanaBaseURL, token: asanaToken, transport: transport)
        return ConsumerHandler(
            configuration: configuration,
            table: table,
            sentry: sentry,
            asana: asana,
            deadLetters: deadLetters,
            visibility: visibility,
            clock: clock
        )
    }
}
