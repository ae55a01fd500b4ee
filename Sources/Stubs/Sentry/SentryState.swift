import Foundation

/// Everything the Sentry stub knows: issues and their events as Sentry serializes them, comments, external
/// issues, and the app installations that may link them.
package struct SentryState: Sendable, SeededState {
    package static let serviceName = "Sentry"

    package var organizations: Set<String> = []
    /// Sentry app installation uuid → the app's slug (shown as `serviceType`).
    package var installations: [String: String] = [:]
    package var issues: [String: JSON] = [:]
    package var issueOrder: [String] = []
    /// Issue id → events, oldest first.
    package var events: [String: [JSON]] = [:]
    package var comments: [String: [JSON]] = [:]
    package var externalIssues: [String: JSON] = [:]
    package var externalOrder: [String] = []
    /// Whether the legacy `GET /api/0/issues/{id}/` answers 410 (a brownout) instead of the issue.
    package var legacyBrownout = false
    package var nextID: UInt64 = 7_000_001
    /// The user the accepted token belongs to.
    package var user: JSON = [
        "id": "1", "name": "Sentry Asana Integration", "username": "sentry-asana", "email": "sentry-bot@example.com",
        "isActive": true, "avatarUrl": .null,
    ]
    package var webBaseURL = "https://example-corp.sentry.io"

    package init() {}

    mutating func newID() -> String {
        defer { nextID += 1 }
        return String(nextID)
    }

    /// Adds one seed document: `organization`, `installations`, `issues`, `events`, `settings`.
    package mutating func seed(_ document: JSON) throws(SeedError) -> JSON {
        let root = try Self.sections(
            of: document,
            known: ["organization", "organizations", "installations", "issues", "events", "settings"]
        )
        var next = self
        var counts: [String: JSON] = [:]
        if let org = root["organization"]?.string { next.organizations.insert(org) }
        for org in root["organizations"]?.array ?? [] {
            guard let slug = org.string else { throw SeedError("organizations must be slugs") }
            next.organizations.insert(slug)
        }
        let defaultOrg = root["organization"]?.string ?? next.organizations.sorted().first ?? "example-corp"
        next.organizations.insert(defaultOrg)
        for (index, item) in (root["installations"]?.array ?? []).enumerated() {
            guard let uuid = item["uuid"]?.string else {
                throw SeedError("installations[\(index)]: 'uuid' is required")
            }
            next.installations[uuid] = item["app"]?.string ?? "sentry-asana"
        }
        for (index, item) in (root["issues"]?.array ?? []).enumerated() {
            guard var issue = item.object, let id = issue["id"]?.string, id.allSatisfy(\.isNumber) else {
                throw SeedError("issues[\(index)]: needs a numeric 'id'")
            }
            issue["id"] = .string(id)
            issue["organization"] = nil
            let org = item["organization"]?.string ?? defaultOrg
            next.organizations.insert(org)
            next.fillIssueDefaults(&issue, id: id, org: org)
            if next.issues[id] == nil { next.issueOrder.append(id) }
            next.issues[id] = .object(issue)
        }
        counts["issues"] = .number(Double(root["issues"]?.array?.count ?? 0))
        for (index, item) in (root["events"]?.array ?? []).enumerated() {
            guard var event = item.object else { throw SeedError("events[\(index)] must be a mapping") }
            guard let issue = (event["groupID"] ?? event["issue"])?.string, next.issues[issue] != nil else {
                throw SeedError("events[\(index)]: 'groupID' must name a seeded issue")
            }
            guard let eventID = event["eventID"]?.string, !eventID.isEmpty else {
                throw SeedError("events[\(index)]: 'eventID' is required")
            }
            event["issue"] = nil
            event["groupID"] = .string(issue)
            event["eventID"] = .string(eventID)
            if event["id"] == nil { event["id"] = .string(eventID) }
            var list = next.events[issue, default: []].filter { $0["eventID"]?.string != eventID }
            list.append(.object(event))
            list.sort { ($0["dateCreated"]?.string ?? "") < ($1["dateCreated"]?.string ?? "") }
            next.events[issue] = list
        }
        counts["events"] = .number(Double(root["events"]?.array?.count ?? 0))
        if let settings = root["settings"] {
            if let brownout = settings["legacy_brownout"]?.bool { next.legacyBrownout = brownout }
        }
        self = next
        return ["added": .object(counts)]
    }

    /// Fills what every serialized Sentry issue carries, so a seed can give only what it cares about.
    private func fillIssueDefaults(_ issue: inout [String: JSON], id: String, org: String) {
        let project = issue["project"] ?? ["id": "1", "slug": "backend", "name": "backend", "platform": "python"]
        issue["project"] = project
        let slug = project["slug"]?.string ?? "backend"
        let defaults: [String: JSON] = [
            "shortId": .string("\(slug.uppercased())-\(id.suffix(3))"), "title": "Error", "culprit": "",
            "level": "error", "status": "unresolved", "substatus": "ongoing", "statusDetails": [:], "isPublic": false,
            "platform": project["platform"] ?? "python", "type": "error", "metadata": [:], "numComments": 0,
            "assignedTo": .null, "isBookmarked": false, "isSubscribed": false, "hasSeen": false, "annotations": [],
            "issueType": "error", "issueCategory": "error", "count": "1", "userCount": 0,
            "firstSeen": "2026-11-28T10:00:00.000000Z", "lastSeen": "2026-11-28T10:00:00.000000Z",
            "permalink": .string("https://\(org).sentry.io/issues/\(id)/"), "logger": .null, "shareId": .null,
        ]
        for (key, value) in defaults where issue[key] == nil { issue[key] = value }
        issue["__org"] = .string(org)
    }

    /// The issue as the API shows it (without the stub's bookkeeping keys).
    func issueJSON(_ id: String) -> JSON {
        guard case .object(var object)? = issues[id] else { return .null }
        object["__org"] = nil
        object["numComments"] = .number(Double(comments[id]?.count ?? 0))
        return .object(object)
    }

    func issue(_ id: String, org: String?) throws(SentryError) -> JSON {
        guard id.allSatisfy(\.isNumber), let issue = issues[id] else { throw SentryError.notFound() }
        if let org, issue["__org"]?.string != org { throw SentryError.notFound() }
        return issueJSON(id)
    }
}
