import Foundation

/// The event inside an `event_alert` webhook (`data.event`). This is the webhook shape — snake_case keys,
/// tags as pairs — not the REST API's event (see `SentryIssue` for what the REST API adds).
public struct WebhookEvent: Decodable, Sendable {
    public var eventID: String?
    /// `issue_id`, absent from older payloads: use `resolvedIssueID`.
    public var issueID: String?
    /// `issue_url`, e.g. `https://sentry.io/api/0/issues/1117540176/`.
    public var issueURL: String?
    /// `web_url`: the event page in Sentry's UI.
    public var webURL: String?
    /// `url`: the event in the REST API.
    public var url: String?
    public var title: String?
    public var message: String?
    public var culprit: String?
    public var level: String?
    public var environment: String?
    public var platform: String?
    public var release: String?
    public var projectID: String?
    /// `datetime` as sent (ISO 8601), shown verbatim in the task.
    public var datetime: String?
    /// `timestamp` (seconds since 1970), used when `datetime` is missing.
    public var timestamp: Double?
    public var tags: [EventTag]

    private enum CodingKeys: String, CodingKey {
        case eventID = "event_id"
        case issueID = "issue_id"
        case issueURL = "issue_url"
        case webURL = "web_url"
        case url, title
        case message, culprit, level, environment, platform, release, project, datetime, timestamp, tags
        case received
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        eventID = container.looseString(forKey: .eventID)
        issueID = container.looseString(forKey: .issueID)
        issueURL = container.looseString(forKey: .issueURL)
        webURL = container.looseString(forKey: .webURL)
        url = container.looseString(forKey: .url)
        title = container.looseString(forKey: .title)
        message = container.looseString(forKey: .message)
        culprit = container.looseString(forKey: .culprit)
        level = container.looseString(forKey: .level)
        environment = container.looseString(forKey: .environment)
        platform = container.looseString(forKey: .platform)
        release = container.looseString(forKey: .release)
        projectID = container.looseString(forKey: .project)
        datetime = container.looseString(forKey: .datetime)
        timestamp = (try? container.decodeIfPresent(Double.self, forKey: .timestamp)) ?? nil
        if timestamp == nil { timestamp = (try? container.decodeIfPresent(Double.self, forKey: .received)) ?? nil }
        // Element by element: one malformed tag (an SDK sending `[null, "x"]` or a bare string) is dropped,
        // not every tag with it — losing `server_name` would route the alert to the default team.
        tags = (try? container.decodeIfPresent([LossyTag].self, forKey: .tags))?.compactMap(\.tag) ?? []
    }

    /// A tag that decodes to nil instead of failing the list.
    private struct LossyTag: Decodable {
        var tag: EventTag?
        init(from decoder: any Decoder) throws { tag = try? EventTag(from: decoder) }
    }

    public init(
        eventID: String?,
        issueID: String?,
        issueURL: String? = nil,
        webURL: String? = nil,
        title: String?,
        level: String?,
        environment: String? = nil,
        datetime: String? = nil,
        tags: [EventTag] = []
    ) {
        self.eventID = eventID
        self.issueID = issueID
        self.issueURL = issueURL
        self.webURL = webURL
        self.title = title
        self.level = level
        self.environment = environment
        self.datetime = datetime
        self.tags = tags
    }

    /// `issue_id`, else the last non-empty path segment of `issue_url` when it is all digits.
    public var resolvedIssueID: String? {
        if let issueID, !issueID.isEmpty { return issueID }
        guard let issueURL, let components = URLComponents(string: issueURL) else { return nil }
        let segment = components.path.split(separator: "/").last.map(String.init)
        guard let segment, !segment.isEmpty, segment.allSatisfy(\.isNumber) else { return nil }
        return segment
    }

    /// The environment from the field, else the `environment` tag.
    public var resolvedEnvironment: String? { environment ?? tags.value(for: "environment") }

    /// The event time as text: `datetime`, else `timestamp` in ISO 8601.
    public var eventTime: String? {
        if let datetime { return datetime }
        guard let timestamp else { return nil }
        return Date(timeIntervalSince1970: timestamp).formatted(Date.ISO8601FormatStyle())
    }
}
