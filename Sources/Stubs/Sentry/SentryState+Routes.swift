import Foundation

/// The issue, event, comment and external-issue endpoints over `SentryState`.
extension SentryState {
    mutating func issueRoute(
        method: String,
        org: String?,
        id: String,
        rest: [String],
        call: SentryCall
    ) throws(SentryError) -> StubResponse {
        let issue = try self.issue(id, org: org)
        switch (method, rest.count) {
        case ("GET", 0): return .json(200, issue)
        case ("PUT", 0): return try update(id, call.body())
        case (_, 0): throw SentryError.methodNotAllowed(method)
        case ("GET", 1) where rest[0] == "events":
            return try call.page(Array((events[id] ?? []).reversed()))
        case ("GET", 2) where rest[0] == "events":
            let list = events[id] ?? []
            let event: JSON?
            switch rest[1] {
            case "latest", "recommended": event = list.last
            case "oldest": event = list.first
            default: event = list.first { $0["eventID"]?.string == rest[1] || $0["id"]?.string == rest[1] }
            }
            guard let event else { throw SentryError(404, detail: "Event not found") }
            return .json(200, event)
        case ("GET", 1) where rest[0] == "comments" || rest[0] == "notes":
            return try call.page(Array((comments[id] ?? []).reversed()))
        case ("POST", 1) where rest[0] == "comments" || rest[0] == "notes":
            return try addComment(id, call.body())
        case ("GET", 1) where rest[0] == "external-issues":
            return .json(
                200,
                .array(externalOrder.compactMap { externalIssues[$0] }.filter { $0["issueId"]?.string == id })
            )
        case (_, 1) where ["events", "comments", "notes", "external-issues"].contains(rest[0]):
            throw SentryError.methodNotAllowed(method)
        default: throw SentryError.notFound()
        }
    }

    /// The deprecated `GET`/`PUT /api/0/issues/{id}/`: the answer of the organization endpoint plus Sentry's
    /// deprecation headers, or 410 in a brownout.
    mutating func legacyIssue(_ id: String, update body: [String: JSON]?) throws(SentryError) -> StubResponse {
        let issue = try self.issue(id, org: nil)
        let org = issues[id]?["__org"]?.string ?? "example-corp"
        let headers: [(name: String, value: String)] = [
            ("X-Sentry-Deprecation-Date", SentryStub.deprecationDate),
            ("X-Sentry-Replacement-Endpoint", "/api/0/organizations/\(org)/issues/\(id)/"),
        ]
        if legacyBrownout {
            return .json(410, ["message": "This API no longer exists."], headers: headers)
        }
        var response = try body.map { body throws(SentryError) in try update(id, body) } ?? .json(200, issue)
        for header in headers { response.setHeader(header.name, header.value) }
        return response
    }

    static let statuses: Set<String> = [
        "resolved", "unresolved", "ignored", "resolvedInNextRelease", "muted", "reprocessing",
    ]
    static let updatable: Set<String> = [
        "status", "statusDetails", "substatus", "assignedTo", "hasSeen", "isBookmarked", "isSubscribed", "isPublic",
        "priority",
    ]

    mutating func update(_ id: String, _ body: [String: JSON]) throws(SentryError) -> StubResponse {
        guard case .object(var issue)? = issues[id] else { throw SentryError.notFound() }
        var changed: [String: JSON] = [:]
        for (key, value) in body.sorted(by: { $0.key < $1.key }) where SentryState.updatable.contains(key) {
            switch key {
            case "status":
                guard let status = value.string, SentryState.statuses.contains(status) else {
                    throw SentryError(400, field: "status", "\"\(value.string ?? value.text)\" is not a valid choice.")
                }
                let stored = status == "resolvedInNextRelease" ? "resolved" : (status == "muted" ? "ignored" : status)
                issue["status"] = .string(stored)
                changed["status"] = .string(stored)
                changed["statusDetails"] = body["statusDetails"] ?? [:]
                issue["statusDetails"] = changed["statusDetails"]
            case "hasSeen", "isBookmarked", "isSubscribed", "isPublic":
                guard let flag = value.bool else { throw SentryError(400, field: key, "Must be a valid boolean.") }
                issue[key] = .bool(flag)
                changed[key] = .bool(flag)
            case "assignedTo":
                let assignee: JSON =
                    value.isNull || value.string == ""
                    ? .null : ["type": "user", "id": .string(value.string ?? ""), "name": .string(value.string ?? "")]
                issue["assignedTo"] = assignee
                changed["assignedTo"] = assignee
            default:
                issue[key] = value
                changed[key] = value
            }
        }
        if changed.isEmpty { throw SentryError(400, detail: "No valid fields to update.") }
        issues[id] = .object(issue)
        return .json(200, .object(changed))
    }

    /// `POST …/comments/`: Sentry refuses the same text from the same user within an hour.
    mutating func addComment(_ id: String, _ body: [String: JSON]) throws(SentryError) -> StubResponse {
        guard let value = body["text"], !value.isNull else {
            throw SentryError(400, field: "text", "This field is required.")
        }
        guard let text = value.string, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw SentryError(400, field: "text", "This field may not be blank.")
        }
        let hourAgo = ISO8601.format(Date().addingTimeInterval(-3600))
        if (comments[id] ?? []).contains(where: {
            $0["data"]?["text"]?.string == text && ($0["dateCreated"]?.string ?? "") >= hourAgo
        }) {
            throw SentryError(400, detail: "You have already posted that comment.")
        }
        let note: JSON = [
            "id": .string(newID()), "type": "note", "data": ["text": .string(text)],
            "dateCreated": .string(ISO8601.format(Date())), "user": user,
            "issue": ["id": .string(id)],
        ]
        comments[id, default: []].append(note)
        return .json(201, note)
    }

    /// `POST /sentry-app-installations/{uuid}/external-issues/`.
    mutating func createExternalIssue(app: String, call: SentryCall) throws(SentryError) -> StubResponse {
        let body = try call.body()
        for field in ["issueId", "webUrl", "project", "identifier"] where body[field] == nil || body[field]!.isNull {
            throw SentryError(400, field: field, "This field is required.")
        }
        guard let issueID = body["issueId"]?.string, issues[issueID] != nil else {
            throw SentryError(404, detail: "Could not find the corresponding issue for the given issueId")
        }
        guard let webURL = body["webUrl"]?.string, let url = URL(string: webURL), url.scheme?.hasPrefix("http") == true
        else { throw SentryError(400, field: "webUrl", "Enter a valid URL.") }
        let project = body["project"]?.string ?? ""
        let identifier = body["identifier"]?.string ?? ""
        if let existing = externalOrder.first(where: {
            externalIssues[$0]?["issueId"]?.string == issueID && externalIssues[$0]?["serviceType"]?.string == app
        }) {
            externalIssues[existing] = nil
            externalOrder.removeAll { $0 == existing }
        }
        let id = newID()
        let record: JSON = [
            "id": .string(id), "issueId": .string(issueID), "serviceType": .string(app),
            "displayName": .string("\(project)#\(identifier)"), "webUrl": .string(webURL),
        ]
        externalIssues[id] = record
        externalOrder.append(id)
        return .json(200, record)
    }

    mutating func deleteExternalIssue(_ id: String) throws(SentryError) -> StubResponse {
        guard externalIssues[id] != nil else { throw SentryError.notFound() }
        externalIssues[id] = nil
        externalOrder.removeAll { $0 == id }
        return StubResponse(status: 204)
    }
}
