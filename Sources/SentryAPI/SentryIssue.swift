/// An issue as the REST API returns it (`GET /api/0/organizations/{org}/issues/{id}/`): camelCase keys,
/// unlike the webhook's event. Only what the task needs.
public struct SentryIssue: Decodable, Sendable, Equatable {
    public var id: String
    public var shortID: String?
    public var title: String?
    public var permalink: String?
    public var firstSeen: String?
    public var lastSeen: String?
    public var count: String?
    public var userCount: String?
    public var status: String?
    public var level: String?
    public var projectSlug: String?

    private enum CodingKeys: String, CodingKey {
        case id
        case shortID = "shortId"
        case title, permalink, firstSeen, lastSeen, count, userCount, status, level, project
    }
    private enum ProjectKeys: String, CodingKey { case slug }

    public init(
        id: String,
        shortID: String? = nil,
        title: String? = nil,
        permalink: String? = nil,
        firstSeen: String? = nil,
        count: String? = nil
    ) {
        self.id = id
        self.shortID = shortID
        self.title = title
        self.permalink = permalink
        self.firstSeen = firstSeen
        self.count = count
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(LooseString.self, forKey: .id).value
        shortID = container.looseString(forKey: .shortID)
        title = container.looseString(forKey: .title)
        permalink = container.looseString(forKey: .permalink)
        firstSeen = container.looseString(forKey: .firstSeen)
        lastSeen = container.looseString(forKey: .lastSeen)
        count = container.looseString(forKey: .count)
        userCount = container.looseString(forKey: .userCount)
        status = container.looseString(forKey: .status)
        level = container.looseString(forKey: .level)
        if let project = try? container.nestedContainer(keyedBy: ProjectKeys.self, forKey: .project) {
            projectSlug = project.looseString(forKey: .slug)
        }
    }
}
