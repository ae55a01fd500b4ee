import Foundation

/// The body of an `event_alert` webhook of a Sentry internal integration:
/// `{"action": "triggered", "installation": {"uuid": …}, "data": {"event": {…}, "triggered_rule": …}, "actor": …}`.
public struct EventAlertEnvelope: Decodable, Sendable {
    public var action: String?
    public var installationUUID: String?
    public var event: WebhookEvent
    public var triggeredRule: String?

    private enum CodingKeys: String, CodingKey { case action, installation, data }
    private enum InstallationKeys: String, CodingKey { case uuid }
    private enum DataKeys: String, CodingKey {
        case event
        case triggeredRule = "triggered_rule"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        action = container.looseString(forKey: .action)
        if let installation = try? container.nestedContainer(keyedBy: InstallationKeys.self, forKey: .installation) {
            installationUUID = installation.looseString(forKey: .uuid)
        }
        let data = try container.nestedContainer(keyedBy: DataKeys.self, forKey: .data)
        event = try data.decode(WebhookEvent.self, forKey: .event)
        triggeredRule = data.looseString(forKey: .triggeredRule)
    }

    public init(
        action: String? = "triggered",
        installationUUID: String? = nil,
        event: WebhookEvent,
        triggeredRule: String? = nil
    ) {
        self.action = action
        self.installationUUID = installationUUID
        self.event = event
        self.triggeredRule = triggeredRule
    }

    /// Parses a webhook body; a typed error says why a body is not an `event_alert`.
    public static func parse(_ body: Data) throws(EnvelopeError) -> EventAlertEnvelope {
        guard (try? JSONSerialization.jsonObject(with: body)) is [String: Any] else {
            throw EnvelopeError(.notJSONObject, "the body is not a JSON object")
        }
        do {
            return try JSONDecoder().decode(EventAlertEnvelope.self, from: body)
        } catch {
            throw EnvelopeError(.notEventAlert, "the body has no data.event object")
        }
    }
}

public struct EnvelopeError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        case notJSONObject = "not_json"
        case notEventAlert = "not_event_alert"
        case noIssueID = "no_issue_id"
    }
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
