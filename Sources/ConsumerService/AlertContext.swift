import SentryAPI

/// The facts of one alert the task is built from, with "Unknown" for anything missing — a missing tag is
/// never a failure (the original failed records without `aws_region`/`aws_account_id`).
struct AlertContext: Sendable, Equatable {
    static let unknown = "Unknown"

    var eventID: String?
    var issueID: String?
    var title: String
    var level: String?
    var environment: String?
    var eventTime: String
    var issueURL: String
    var customer: String
    var serverName: String
    var awsRegion: String?
    var awsAccountID: String?
    var tags: [String: String]
    /// The duplicate marker: Sentry's event id, else the SQS message id (stable across redeliveries).
    var deliveryKey: String

    init(envelope: EventAlertEnvelope, messageID: String, sentryOrganization: String) {
        let event = envelope.event
        tags = event.tags.dictionary.filter { !$0.value.isEmpty }
        eventID = event.eventID
        issueID = event.resolvedIssueID
        title =
            event.title.flatMap { $0.isEmpty ? nil : $0 } ?? event.message.flatMap { $0.isEmpty ? nil : $0 }
            ?? "Sentry issue \(issueID ?? Self.unknown)"
        level = event.level ?? tags["level"]
        environment = event.resolvedEnvironment
        eventTime = event.eventTime ?? Self.unknown
        if let web = event.webURL, !web.isEmpty {
            issueURL = web
        } else if let issueID {
            issueURL = "https://sentry.io/organizations/\(sentryOrganization)/issues/\(issueID)/"
        } else {
            issueURL = Self.unknown
        }
        customer = tags["customer_name"] ?? tags["customer"] ?? Self.unknown
        serverName = tags["server_name"] ?? Self.unknown
        awsRegion = tags["aws_region"]
        awsAccountID = tags["aws_account_id"]
        deliveryKey = event.eventID.map { "event \($0)" } ?? "message \(messageID)"
    }

    /// The line written into every task and searched for before creating one.
    var marker: String { "sentry-asana delivery: \(deliveryKey)" }
}
