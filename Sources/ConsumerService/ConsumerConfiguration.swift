import Foundation
import ServiceSupport

/// The consumer's settings from its environment, validated once at start.
public struct ConsumerConfiguration: Sendable, Equatable {
    public var sentryBaseURL: URL
    public var sentryOrganization: String
    public var sentryInstallationUUID: String
    public var asanaBaseURL: URL
    public var routingTablePath: String
    public var secretName: String
    /// `DEVELOPMENT=true`: every task goes to the sandbox + dev board.
    public var development: Bool
    /// Records processed at once.
    public var maxConcurrency: Int
    /// AWS accounts of self-hosted customers: no switch-role link for them.
    public var selfHostedAccounts: Set<String>
    public var runbookURL: String
    /// The switch-role link's role name; `{region}` becomes the event's `aws_region` (the original's
    /// `PantherSupportRole-<region>`).
    public var switchRoleName: String
    /// How far back the duplicate check looks in the target project.
    public var duplicateWindow: Duration
    /// Time kept back from the Lambda deadline: no new record or retry wait starts inside it.
    public var safetyMargin: Duration

    public init(
        sentryBaseURL: URL = URL(string: "https://sentry.io")!,
        sentryOrganization: String = "example-corp",
        sentryInstallationUUID: String = "a1b2c3d4-0000-4000-8000-000000000001",
        asanaBaseURL: URL = URL(string: "https://app.asana.com/api/1.0")!,
        routingTablePath: String = "config/routing.yaml",
        secretName: String = "Sentry_Asana_Secrets",
        development: Bool = false,
        maxConcurrency: Int = 4,
        selfHostedAccounts: Set<String> = [],
        runbookURL: String = "https://runbooks.example.com/sentry-alerts",
        switchRoleName: String = "PantherSupportRole-{region}",
        duplicateWindow: Duration = .seconds(14 * 24 * 3600),
        safetyMargin: Duration = .seconds(3)
    ) {
        self.sentryBaseURL = sentryBaseURL
        self.sentryOrganization = sentryOrganization
        self.sentryInstallationUUID = sentryInstallationUUID
        self.asanaBaseURL = asanaBaseURL
        self.routingTablePath = routingTablePath
        self.secretName = secretName
        self.development = development
        self.maxConcurrency = maxConcurrency
        self.selfHostedAccounts = selfHostedAccounts
        self.runbookURL = runbookURL
        self.switchRoleName = switchRoleName
        self.duplicateWindow = duplicateWindow
        self.safetyMargin = safetyMargin
    }

    public init(environment: [String: String]) throws(ConfigurationError) {
        let env = EnvironmentReader(environment)
        let uuid = try env.required("SENTRY_INSTALLATION_UUID")
        guard UUID(uuidString: uuid) != nil else {
            throw ConfigurationError(variable: "SENTRY_INSTALLATION_UUID", problem: "must be a UUID, got '\(uuid)'")
        }
        let defaultTable = env.optional("LAMBDA_TASK_ROOT").map { "\($0)/routing.yaml" } ?? "config/routing.yaml"
        self.init(
            sentryBaseURL: try env.url("SENTRY_BASE_URL", default: "https://sentry.io"),
            sentryOrganization: try env.required("SENTRY_ORG"),
            sentryInstallationUUID: uuid,
            asanaBaseURL: try env.url("ASANA_BASE_URL", default: "https://app.asana.com/api/1.0"),
            routingTablePath: env.string("ROUTING_TABLE_PATH", default: defaultTable),
            secretName: env.string("SECRET_NAME", default: "Sentry_Asana_Secrets"),
            development: try env.bool("DEVELOPMENT"),
            maxConcurrency: try env.int("MAX_CONCURRENCY", default: 4, range: 1...32),
            selfHostedAccounts: Set(env.list("SELF_HOSTED_ACCOUNTS")),
            runbookURL: env.string("RUNBOOK_URL", default: "https://runbooks.example.com/sentry-alerts"),
            switchRoleName: env.string("AWS_SWITCH_ROLE_NAME", default: "PantherSupportRole-{region}"),
            duplicateWindow: .seconds(3600 * (try env.int("DUPLICATE_WINDOW_HOURS", default: 336, range: 1...2_000)))
        )
        if let bad = selfHostedAccounts.first(where: { $0.count != 12 || !$0.allSatisfy(\.isNumber) }) {
            throw ConfigurationError(
                variable: "SELF_HOSTED_ACCOUNTS",
                problem: "holds '\(bad)', not a 12-digit AWS account id"
            )
        }
    }
}
