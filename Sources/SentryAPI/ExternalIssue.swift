/// A link from a Sentry issue to an issue elsewhere (here: an Asana task), as
/// `GET /api/0/organizations/{org}/issues/{id}/external-issues/` lists it and
/// `POST /api/0/sentry-app-installations/{uuid}/external-issues/` returns it.
public struct ExternalIssue: Decodable, Sendable, Equatable {
    public var id: String?
    public var issueID: String?
    public var serviceType: String?
    public var displayName: String?
    public var webURL: String

    private enum CodingKeys: String, CodingKey {
        case id
        case issueID = "issueId"
        case serviceType, displayName
        case webURL = "webUrl"
    }

    public init(
        id: String? = nil,
        issueID: String? = nil,
        serviceType: String? = nil,
        displayName: String? = nil,
        webURL: String
    ) {
        self.id = id
        self.issueID = issueID
        self.serviceType = serviceType
        self.displayName = displayName
        self.webURL = webURL
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = container.looseString(forKey: .id)
        issueID = container.looseString(forKey: .issueID)
        serviceType = container.looseString(forKey: .serviceType)
        displayName = container.looseString(forKey: .displayName)
        webURL = container.looseString(forKey: .webURL) ?? ""
    }
}

/// The body of `POST /api/0/sentry-app-installations/{uuid}/external-issues/`.
public struct ExternalIssueLink: Sendable, Equatable {
    public var issueID: String
    public var webURL: String
    /// Shown in Sentry as `project#identifier`.
    public var project: String
    public var identifier: String

    public init(issueID: String, webURL: String, project: String, identifier: String) {
        self.issueID = issueID
        self.webURL = webURL
        self.project = project
        self.identifier = identifier
    }

    /// JSON with `issueId` as a number when it is one (Sentry's serializer wants an integer).
    public var jsonObject: [String: Any] {
        let id: Any = Int64(issueID).map { $0 as Any } ?? issueID
        return ["issueId": id, "webUrl": webURL, "project": project, "identifier": identifier]
    }
}
