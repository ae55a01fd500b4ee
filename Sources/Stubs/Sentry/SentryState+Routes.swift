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
        switch SentryState.issueRoutes.match(method, rest) {
        case .found(let handler, let parameters): return try handler.answer(&self, id, issue, call, parameters)
        case .wrongMethod: throw SentryError.methodNotAllowed(method)
        case .notFound: throw SentryError.notFound()
        }
    }

    /// One issue sub-endpoint's answer, given the issue's id and record (a struct for the compiler reason
    /// `SentryStub.Handler` gives).
    struct IssueHandler: Sendable {
        let answer:
            @Sendable (inout SentryState, String, JSON, SentryCall, RouteParameters) throws(SentryError) -> StubResponse
        init(
            _ answer:
                @escaping @Sendable (inout SentryState, String, JSON, SentryCall, RouteParameters) throws(SentryError)
                -> StubResponse
        ) { self.answer = answer }
    }

    /// The paths under an issue, after the issue is found (a missing issue is a 404 whatever the method).
    static let issueRoutes: StubRoutes<IssueHandler> = {
        var routes = StubRoutes<IssueHandler>()
        routes.add("GET", "") { _, _, issue, _, _ throws(SentryError) in .json(200, issue) }
        routes.add("PUT", "") { state, id, _, call, _ throws(SentryError) in try state.update(id, call.body()) }
        routes.add("GET", "events") { state, id, _, call, _ throws(SentryError) in
            try call.page(Array((state.events[id] ?? []).reversed()))
        }
        // One event: another method is a 404 here, not a 405 (Sentry has no write route of that shape).
        routes.add(nil, "events/{event}") { state, id, _, call, parameters throws(SentryError) in
            guard call.request.method == "GET" else { throw SentryError.notFound() }
            let list = state.events[id] ?? []
            let wanted = parameters["event"]
            let event: JSON?
            switch wanted {
            case "latest", "recommended": event = list.last
            case "oldest": event = list.first
            default: event = list.first { $0["eventID"]?.string == wanted || $0["id"]?.string == wanted }
            }
            guard let event else { throw SentryError(404, detail: "Event not found") }
            return .json(200, event)
        }
        for kind in ["comments", "notes"] {
            routes.add("GET", kind) { state, id, _, call, _ throws(SentryError) in
                try call.page(Array((state.comments[id] ?? []).reversed()))
            }
            routes.add("POST", kind) { state, id, _, call, _ throws(SentryError) in
                try state.addComment(id, call.body())
            }
        }
        routes.add("GET", "external-issues") { state, id, _, _, _ throws(SentryError) in
            .json(
                200,
                .array(
                    state.externalOrder.compactMap { state.externalIssues[$0] }.filter {
                        $0["issueId"]?.string == id
                    }
                )
            )
        }
        return routes
    }()

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

extension StubRoutes where Handler == SentryState.IssueHandler {
    /// Adds an endpoint written as a trailing closure (wrapped here, where its type is concrete).
    mutating func add(
        _ method: String?,
        _ pattern: String,
        _ answer:
            @escaping @Sendable (inout SentryState, String, JSON, SentryCall, RouteParameters) throws(SentryError) ->
            StubResponse
    ) {
        add(method, pattern, SentryState.IssueHandler(answer))
    }
}
