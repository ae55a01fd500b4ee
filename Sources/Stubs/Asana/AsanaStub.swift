import Foundation
import Synchronization

/// The Asana stub: `/api/1.0`, Bearer auth with one accepted token, the `{"data": …}` envelope both ways,
/// `opt_fields`, pagination, and Asana's validation errors. State lives in memory, seeded from fixtures.
package final class AsanaStub: StubService {
    package let name = "asana"
    package let token: String
    /// Base URL written into `next_page.uri` (the stub's own address, once known).
    package let publicBaseURL: Mutex<String>
    private let initial: AsanaState
    private let state: Mutex<AsanaState>

    package init(state: AsanaState, token: String = "asana-test-token") {
        self.initial = state
        self.state = Mutex(state)
        self.token = token
        self.publicBaseURL = Mutex("https://app.asana.com/api/1.0")
    }

    /// Seeds from every YAML/JSON file in `seedDirectory` (see `fixtures/asana/README.md`).
    package convenience init(seedDirectory: URL, token: String = "asana-test-token") throws(SeedError) {
        self.init(state: try AsanaState.load(directory: seedDirectory), token: token)
    }

    /// A copy of the current state, for tests and the CLI.
    /// Sets the base URL written into pagination links (the stub's own address once its port is known).
    package func setPublicBaseURL(_ url: String) {
        publicBaseURL.withLock { $0 = url }
    }

    package func serverStarted(baseURL: String) {
        setPublicBaseURL(baseURL + "/api/1.0")
    }

    package var snapshot: AsanaState { state.withLock { $0 } }

    package func seed(_ document: JSON) throws(SeedError) -> JSON {
        try state.withLock { state throws(SeedError) -> JSON in try state.seed(document) }
    }

    package func reset() {
        state.withLock { $0 = initial }
    }

    package func errorResponse(status: Int, message: String) -> StubResponse {
        switch status {
        case 429: AsanaStubError.tooManyRequests().response
        case 401: AsanaStubError.notAuthorized().response
        case 500...: AsanaStubError(status, "Server Error").response
        default: AsanaStubError(status, message).response
        }
    }

    package func handle(_ request: StubRequest) async -> StubResponse {
        do throws(AsanaStubError) {
            return try route(request)
        } catch {
            return error.response
        }
    }

    private func route(_ request: StubRequest) throws(AsanaStubError) -> StubResponse {
        let segments = request.segments
        guard segments.count >= 2, segments[0] == "api", segments[1] == "1.0" else { throw AsanaStubError.noRoute() }
        guard let authorization = request.header("Authorization"), authorization.hasPrefix("Bearer "),
            authorization.dropFirst(7) == token
        else { throw AsanaStubError.notAuthorized() }
        let path = Array(segments.dropFirst(2))
        let query = request.query
        let fields = AsanaFields(query["opt_fields"])
        let call = AsanaCall(
            request: request,
            path: "/" + path.joined(separator: "/"),
            query: query,
            fields: fields,
            baseURL: publicBaseURL.withLock { $0 }
        )
        guard case .found(let handler, let parameters) = Self.routes.match(request.method, path) else {
            throw AsanaStubError.noRoute()
        }
        return try handler.answer(self, call, parameters)
    }

    /// One endpoint's answer. A struct rather than a bare closure type: Swift 6.3.1's SILGen crashed (signal 11) on
    /// typed-throws closure literals passed straight as the table's generic handler; the `add` overload below wraps
    /// them where their type is concrete.
    struct Handler: Sendable {
        let answer: @Sendable (AsanaStub, AsanaCall, RouteParameters) throws(AsanaStubError) -> StubResponse
        init(
            _ answer: @escaping @Sendable (AsanaStub, AsanaCall, RouteParameters) throws(AsanaStubError) -> StubResponse
        ) {
            self.answer = answer
        }
    }

    /// Every endpoint under `/api/1.0`; a path or method not here is Asana's "no route" 404.
    static let routes: StubRoutes<Handler> = {
        var routes = StubRoutes<Handler>()
        routes.add("GET", "users/me") { stub, call, _ throws(AsanaStubError) in
            try stub.read { state throws(AsanaStubError) in
                guard let me = state.users[state.me] else { throw AsanaStubError.unknown("user", "me") }
                return try call.one(state.userJSON(me))
            }
        }
        routes.add("GET", "users/{user}") { stub, call, parameters throws(AsanaStubError) in
            try stub.read { state throws(AsanaStubError) in
                let user = try call.gid(parameters["user"], "user")
                guard let found = state.users[user] else { throw AsanaStubError.unknown("user", user) }
                return try call.one(state.userJSON(found))
            }
        }
        routes.add("GET", "workspaces") { stub, call, _ throws(AsanaStubError) in
            try stub.read { state throws(AsanaStubError) in
                try call.list(state.workspaceOrder.compactMap { state.workspaces[$0] }.map(state.workspaceJSON))
            }
        }
        routes.add("GET", "workspaces/{workspace}/projects") { stub, call, parameters throws(AsanaStubError) in
            try stub.read { state throws(AsanaStubError) in
                let workspace = try call.gid(parameters["workspace"], "workspace")
                guard state.workspaces[workspace] != nil else { throw AsanaStubError.unknown("workspace", workspace) }
                let archived = try call.bool("archived")
                let projects = state.projectOrder.compactMap { state.projects[$0] }.filter {
                    $0.workspace == workspace && (archived == nil || $0.archived == archived)
                }
                return try call.list(projects.map(state.projectJSON))
            }
        }
        routes.add("GET", "projects/{project}") { stub, call, parameters throws(AsanaStubError) in
            try stub.read { state throws(AsanaStubError) in
                try call.one(state.projectJSON(try state.project(call, parameters["project"])))
            }
        }
        routes.add("GET", "projects/{project}/tasks") { stub, call, parameters throws(AsanaStubError) in
            try stub.read { state throws(AsanaStubError) in
                let project = try state.project(call, parameters["project"])
                let tasks = state.taskOrder.compactMap { state.tasks[$0] }.filter {
                    $0.projects.contains(project.gid)
                }
                return try call.list(tasks.map(state.taskJSON))
            }
        }
        routes.add("GET", "projects/{project}/custom_field_settings") { stub, call, parameters throws(AsanaStubError) in
            try stub.read { state throws(AsanaStubError) in
                try call.list(state.customFieldSettingsJSON(try state.project(call, parameters["project"])))
            }
        }
        routes.add("GET", "portfolios") { stub, call, _ throws(AsanaStubError) in
            try stub.read { state throws(AsanaStubError) in
                guard let workspace = call.query["workspace"] else { throw AsanaStubError.missing("workspace") }
                guard let owner = call.query["owner"] else { throw AsanaStubError.missing("owner") }
                let ownerGid = owner == "me" ? state.me : try call.gid(owner, "owner")
                _ = try call.gid(workspace, "workspace")
                guard state.workspaces[workspace] != nil else { throw AsanaStubError.unknown("workspace", workspace) }
                let portfolios = state.portfolioOrder.compactMap { state.portfolios[$0] }.filter {
                    $0.workspace == workspace && $0.owner == ownerGid
                }
                return try call.list(portfolios.map(state.portfolioJSON))
            }
        }
        routes.add("GET", "portfolios/{portfolio}") { stub, call, parameters throws(AsanaStubError) in
            try stub.read { state throws(AsanaStubError) in
                try call.one(state.portfolioJSON(try state.portfolio(call, parameters["portfolio"])))
            }
        }
        routes.add("GET", "portfolios/{portfolio}/items") { stub, call, parameters throws(AsanaStubError) in
            try stub.read { state throws(AsanaStubError) in
                try call.list(try state.portfolio(call, parameters["portfolio"]).items.map(state.portfolioItemJSON))
            }
        }
        routes.add("GET", "tasks") { stub, call, _ throws(AsanaStubError) in
            // Asana lists tasks of exactly one container; this stub knows projects.
            guard let projectGid = call.query["project"] else {
                throw AsanaStubError(
                    400,
                    "Must specify exactly one of project, tag, section, user task list, or assignee + workspace"
                )
            }
            let since = try call.query["modified_since"].map { text throws(AsanaStubError) -> Date in
                guard let date = ISO8601.parse(text) else {
                    throw AsanaStubError(400, "modified_since: Not a valid date-time: \(text)")
                }
                return date
            }
            return try stub.read { state throws(AsanaStubError) in
                let project = try state.project(call, projectGid)
                let tasks = state.taskOrder.compactMap { state.tasks[$0] }.filter { task in
                    guard task.projects.contains(project.gid) else { return false }
                    guard let since else { return true }
                    return (ISO8601.parse(task.modifiedAt) ?? .distantPast) >= since
                }
                return try call.list(tasks.map(state.taskJSON))
            }
        }
        routes.add("POST", "tasks") { stub, call, _ throws(AsanaStubError) in
            let data = try AsanaCall.data(call.request)
            return try stub.write { state throws(AsanaStubError) in
                try call.created(state.taskJSON(try state.createTask(data)))
            }
        }
        routes.add("GET", "tasks/{task}") { stub, call, parameters throws(AsanaStubError) in
            try stub.read { state throws(AsanaStubError) in
                try call.one(state.taskJSON(try state.task(call, parameters["task"])))
            }
        }
        routes.add("PUT", "tasks/{task}") { stub, call, parameters throws(AsanaStubError) in
            let data = try AsanaCall.data(call.request)
            return try stub.write { state throws(AsanaStubError) in
                try call.one(
                    state.taskJSON(try state.updateTask(try state.task(call, parameters["task"]).gid, data))
                )
            }
        }
        routes.add("DELETE", "tasks/{task}") { stub, call, parameters throws(AsanaStubError) in
            try stub.write { state throws(AsanaStubError) in
                state.deleteTask(try state.task(call, parameters["task"]).gid)
                return try call.one(.object([:]))
            }
        }
        routes.add("POST", "tasks/{task}/stories") { stub, call, parameters throws(AsanaStubError) in
            let data = try AsanaCall.data(call.request)
            return try stub.write { state throws(AsanaStubError) in
                try call.created(
                    state.storyJSON(try state.addStory(try state.task(call, parameters["task"]).gid, data))
                )
            }
        }
        routes.add("GET", "tasks/{task}/stories") { stub, call, parameters throws(AsanaStubError) in
            try stub.read { state throws(AsanaStubError) in
                let task = try state.task(call, parameters["task"])
                return try call.list((state.stories[task.gid] ?? []).map(state.storyJSON))
            }
        }
        routes.add("GET", "custom_fields/{field}") { stub, call, parameters throws(AsanaStubError) in
            try stub.read { state throws(AsanaStubError) in
                let gid = try call.gid(parameters["field"], "custom_field")
                guard let field = state.customFields[gid] else { throw AsanaStubError.unknown("custom_field", gid) }
                return try call.one(state.customFieldJSON(field))
            }
        }
        return routes
    }()

    private func read(
        _ body: (AsanaState) throws(AsanaStubError) -> StubResponse
    ) throws(AsanaStubError) -> StubResponse {
        try state.withLock { state throws(AsanaStubError) -> StubResponse in try body(state) }
    }

    private func write(
        _ body: (inout AsanaState) throws(AsanaStubError) -> StubResponse
    ) throws(AsanaStubError) -> StubResponse {
        try state.withLock { state throws(AsanaStubError) -> StubResponse in try body(&state) }
    }
}

extension StubRoutes where Handler == AsanaStub.Handler {
    /// Adds an Asana endpoint written as a trailing closure (wrapped here, where its type is concrete).
    mutating func add(
        _ method: String?,
        _ pattern: String,
        _ answer: @escaping @Sendable (AsanaStub, AsanaCall, RouteParameters) throws(AsanaStubError) -> StubResponse
    ) {
        add(method, pattern, AsanaStub.Handler(answer))
    }
}

/// What one read or write call asked for, and how to answer it.
struct AsanaCall {
    let request: StubRequest
    let path: String
    let query: [String: String]
    let fields: AsanaFields?
    let baseURL: String

    func one(_ record: JSON) throws(AsanaStubError) -> StubResponse {
        .json(200, ["data": fields?.apply(record) ?? record])
    }

    func created(_ record: JSON) throws(AsanaStubError) -> StubResponse {
        .json(201, ["data": fields?.apply(record) ?? record])
    }

    func list(_ records: [JSON]) throws(AsanaStubError) -> StubResponse {
        let page = try AsanaPage(query: query)
        let shaped = records.map { fields?.apply($0) ?? AsanaFields.listForm($0) }
        return .json(200, page.envelope(shaped, path: path, query: query, baseURL: baseURL))
    }

    func gid(_ text: String, _ type: String) throws(AsanaStubError) -> String {
        guard !text.isEmpty, text.utf8.count <= 19, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw AsanaStubError(400, "\(type): Not a Long: \(text)")
        }
        return text
    }

    func bool(_ key: String) throws(AsanaStubError) -> Bool? {
        guard let text = query[key] else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw AsanaStubError(400, "\(key): Not a boolean: \(text)")
        }
    }

    /// The `data` object of a write, which Asana requires.
    static func data(_ request: StubRequest) throws(AsanaStubError) -> [String: JSON] {
        if let type = request.mediaType, type != "application/json" {
            throw AsanaStubError(400, "Could not parse request data, invalid JSON or unsupported content type: \(type)")
        }
        guard let document = JSON.parse(request.body) else {
            throw AsanaStubError(400, "Could not parse request data, invalid JSON")
        }
        guard let object = document.object else { throw AsanaStubError(400, "Request data must be a JSON object") }
        guard let data = object["data"] else {
            throw AsanaStubError(
                400,
                "Request data must be a JSON object with a top-level \"data\" key holding the resource"
            )
        }
        guard let fields = data.object else { throw AsanaStubError(400, "data: Value must be an object") }
        return fields
    }
}
