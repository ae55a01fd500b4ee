import Foundation
import Topology

/// What the dashboard needs to know beyond the emulator itself: the producer's Function URL (where a fixture is
/// sent), the stubs' base URLs (their `/__admin` APIs, which the page calls directly), and the secret that holds
/// the webhook's client secret. Set when a stack is loaded; empty for a bare emulator.
struct DashboardLinks: Sendable, Equatable {
    var webhookURL: String?
    /// `http://127.0.0.1:PORT`, without `/api/1.0`.
    var asanaURL: String?
    var sentryURL: String?
    /// The Secrets Manager secret holding `SENTRY_CLIENT_SECRET`.
    var secretName: String?
    var functions: [String] = []
    /// The queues with a redrive policy, and the dead-letter queues they name.
    var queues: [String] = []
    var deadLetterQueues: [String] = []
    /// The longest batching window of the stack's mappings, in seconds (the dashboard's "next delivery" closes it).
    var batchingWindow = 0

    init() {}

    init(stack: StackTopology, webhookURL: String?, variables: [String: String]) {
        self.webhookURL = webhookURL
        asanaURL = variables["asana_url"].map(Self.base)
        sentryURL = variables["sentry_url"].map(Self.base)
        secretName = stack.secrets.first?.name
        functions = stack.functions.map(\.name)
        let dead = Set(stack.queues.compactMap { $0.redrive?.deadLetterQueue })
        deadLetterQueues = stack.queues.map(\.name).filter { dead.contains($0) }
        queues = stack.queues.map(\.name).filter { !dead.contains($0) }
        batchingWindow = stack.eventSourceMappings.map(\.maximumBatchingWindow).max() ?? 0
    }

    /// `http://h:p/api/1.0` → `http://h:p`.
    static func base(_ url: String) -> String {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, let host = parsed.host else { return url }
        return parsed.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
    }
}
