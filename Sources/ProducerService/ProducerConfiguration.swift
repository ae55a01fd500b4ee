import Foundation
import ServiceSupport

/// The producer's settings from its environment, validated once at start.
public struct ProducerConfiguration: Sendable, Equatable {
    /// `QUEUE_URL` (required).
    public var queueURL: String
    /// `SECRET_NAME`, default `Sentry_Asana_Secrets`.
    public var secretName: String
    /// `DEVELOPMENT=true` skips signature verification (loudly).
    public var development: Bool
    /// `ACCEPTED_RESOURCES` (comma-separated), default `event_alert`.
    public var acceptedResources: Set<String>
    /// `MAX_BODY_BYTES`, default and ceiling 6 MiB: Lambda's request payload limit, so the most that can arrive.
    /// SQS takes 1 MiB; a body that is not SQS-safe text or does not fit goes base64, or gzip then base64, and
    /// only one that does not fit even so is answered 413.
    public var maxBodyBytes: Int
    /// `ENQUEUE_BUDGET_MS`, default 800: how long failed `SendMessage` attempts are retried. It never cuts the
    /// first attempt, which runs until the invocation's deadline (Sentry never retries, so a late 200 beats a
    /// lost alert).
    public var enqueueBudget: Duration

    /// Lambda's synchronous request payload limit (6 MB): no larger webhook reaches the function.
    public static let largestBody = 6_291_456

    public init(
        queueURL: String,
        secretName: String = "Sentry_Asana_Secrets",
        development: Bool = false,
        acceptedResources: Set<String> = ["event_alert"],
        maxBodyBytes: Int = ProducerConfiguration.largestBody,
        enqueueBudget: Duration = .milliseconds(800)
    ) {
        self.queueURL = queueURL
        self.secretName = secretName
        self.development = development
        self.acceptedResources = acceptedResources
        self.maxBodyBytes = maxBodyBytes
        self.enqueueBudget = enqueueBudget
    }

    public init(environment: [String: String]) throws(ConfigurationError) {
        let env = EnvironmentReader(environment)
        let queueURL = try env.url("QUEUE_URL")
        let resources = Set(env.list("ACCEPTED_RESOURCES", default: ["event_alert"]))
        let known: Set<String> = ["event_alert", "metric_alert", "issue", "installation", "comment", "error"]
        if let unknown = resources.subtracting(known).sorted().first {
            throw ConfigurationError(
                variable: "ACCEPTED_RESOURCES",
                problem:
                    "names an unknown Sentry resource '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))"
            )
        }
        self.init(
            queueURL: queueURL.absoluteString,
            secretName: env.string("SECRET_NAME", default: "Sentry_Asana_Secrets"),
            development: try env.bool("DEVELOPMENT"),
            acceptedResources: resources,
            maxBodyBytes: try env.int(
                "MAX_BODY_BYTES",
                default: Self.largestBody,
                range: 1_024...Self.largestBody
            ),
            enqueueBudget: .milliseconds(try env.int("ENQUEUE_BUDGET_MS", default: 800, range: 50...900))
        )
    }
}
