import Foundation
import Synchronization

/// The Sentry stub: `/api/0`, Bearer auth, Sentry's `{"detail": …}` errors, `X-Sentry-Rate-Limit-*` headers on
/// every answer (and 429 past the limit), cursor pagination in `Link`, the deprecated `GET /api/0/issues/{id}/`
/// with its deprecation headers (and an optional 410 brownout), and the duplicate-comment rule.
package final class SentryStub: StubService {
    package let name = "sentry"
    package let token: String
    /// Requests allowed per one-second window before 429 (Sentry limits per caller and endpoint).
    package let rateLimitPerSecond: Int
    package let publicBaseURL: Mutex<String>
    private let initial: SentryState
    private let state: Mutex<SentryState>
    private let window = Mutex((second: Int64(0), used: 0))

    static let deprecationDate = "2025-05-01T00:00:00Z"

    package init(state: SentryState, token: String = "sentry-test-token", rateLimitPerSecond: Int = 40) {
        self.initial = state
        self.state = Mutex(state)
        self.token = token
        self.rateLimitPerSecond = max(1, rateLimitPerSecond)
        self.publicBaseURL = Mutex("https://sentry.io")
    }

    package convenience init(
        seedDirectory: URL,
        token: String = "sentry-test-token",
        rateLimitPerSecond: Int = 40
    ) throws(SeedError) {
        self.init(
            state: try SentryState.load(directory: seedDirectory),
            token: token,
            rateLimitPerSecond: rateLimitPerSecond
        )
    }

    /// Sets the base URL written into pagination links (the stub's own address once its port is known).
    package func setPublicBaseURL(_ url: String) {
        publicBaseURL.withLock { $0 = url }
    }

    package func serverStarted(baseURL: String) {
        setPublicBaseURL(baseURL)
    }

    package var snapshot: SentryState { state.withLock { $0 } }

    package func seed(_ document: JSON) throws(SeedError) -> JSON {
        try state.withLock { state throws(SeedError) -> JSON in try state.seed(document) }
    }

    package func reset() {
        state.withLock { $0 = initial }
        window.withLock { $0 = (0, 0) }
    }

    package func errorResponse(status: Int, message: String) -> StubResponse {
        switch status {
        case 429:
            SentryError(
                429,
                detail:
                    "You are attempting to use this endpoint too frequently. Limit is \(rateLimitPerSecond) requests in 1 seconds"
            ).response
        case 401: SentryError.invalidToken().response
        case 500...: SentryError(status, detail: "Internal Error").response
        default: SentryError(status, detail: message).response
        }
    }

    package func handle(_ request: StubRequest) async -> StubResponse {
        let now = Date().timeIntervalSince1970
        let second = Int64(now)
        let used = window.withLock { window in
            if window.second != second { window = (second, 0) }
            window.used += 1
            return window.used
        }
        var response: StubResponse
        if used > rateLimitPerSecond {
            response = errorResponse(status: 429, message: "")
            response.setHeader("Retry-After", "1")
        } else {
            do throws(SentryError) {
                response = try route(request)
            } catch {
                response = error.response
            }
        }
        response.setHeader("X-Sentry-Rate-Limit-Limit", String(rateLimitPerSecond))
        response.setHeader("X-Sentry-Rate-Limit-Remaining", String(max(0, rateLimitPerSecond - used)))
        response.setHeader("X-Sentry-Rate-Limit-Reset", String(second + 1))
        response.setHeader("X-Sentry-Rate-Limit-ConcurrentLimit", "25")
        response.setHeader("X-Sentry-Rate-Limit-ConcurrentRemaining", "24")
        return response
    }

    private func route(_ request: StubRequest) throws(SentryError) -> StubResponse {
        let segments = request.segments
        guard segments.count >= 2, segments[0] == "api", segments[1] == "0" else { throw SentryError.notFound() }
        guard let authorization = request.header("Authorization") else { throw SentryError.noCredentials() }
        guard authorization.hasPrefix("Bearer "), authorization.dropFirst(7) == token else {
            throw SentryError.invalidToken()
        }
        let path = Array(segments.dropFirst(2))
        let call = SentryCall(request: request, baseURL: publicBaseURL.withLock { $0 })
        switch Self.routes.match(request.method, path) {
        case .found(let handler, let parameters): return try handler.answer(self, call, parameters)
        case .wrongMethod: throw SentryError.methodNotAllowed(request.method)
        case .notFound: throw SentryError.notFound()
        }
    }

    /// One endpoint's answer. A struct rather than a bare closure type: Swift 6.3.1's SILGen crashed (signal 11) on
    /// typed-throws closure literals passed straight as the table's generic handler; the `add` overload below wraps
    /// them where their type is concrete.
    struct Handler: Sendable {
        let answer: @Sendable (SentryStub, SentryCall, RouteParameters) throws(SentryError) -> StubResponse
        init(
            _ answer: @escaping @Sendable (SentryStub, SentryCall, RouteParameters) throws(SentryError) -> StubResponse
        ) { self.answer = answer }
    }

    /// Every endpoint under `/api/0`. Routes without a method look the record up first and then answer 405 for a
    /// method they do not take, as Sentry does; the paths under an issue are `SentryState.issueRoutes`.
    static let routes: StubRoutes<Handler> = {
        var routes = StubRoutes<Handler>()
        routes.add(nil, "organizations/{org}/issues/{id}/**") { stub, call, parameters throws(SentryError) in
            let org = parameters["org"]
            return try stub.withState { state throws(SentryError) in
                guard state.organizations.contains(org) else { throw SentryError.notFound() }
                return try state.issueRoute(
                    method: call.request.method,
                    org: org,
                    id: parameters["id"],
                    rest: parameters.rest,
                    call: call
                )
            }
        }
        routes.add("GET", "organizations/{org}/issues") { stub, call, parameters throws(SentryError) in
            let org = parameters["org"]
            return try stub.withState { state throws(SentryError) in
                guard state.organizations.contains(org) else { throw SentryError.notFound() }
                let ids = state.issueOrder.filter { state.issues[$0]?["__org"]?.string == org }
                return try call.page(ids.map { state.issueJSON($0) })
            }
        }
        routes.add(nil, "issues/{id}/**") { stub, call, parameters throws(SentryError) in
            let id = parameters["id"]
            let method = call.request.method
            return try stub.withState { state throws(SentryError) in
                if parameters.rest.isEmpty {
                    switch method {
                    case "GET": return try state.legacyIssue(id, update: nil)
                    case "PUT": return try state.legacyIssue(id, update: try call.body())
                    default: throw SentryError.methodNotAllowed(method)
                    }
                }
                return try state.issueRoute(method: method, org: nil, id: id, rest: parameters.rest, call: call)
            }
        }
        routes.add(nil, "sentry-app-installations/{uuid}/external-issues") {
            stub,
            call,
            parameters throws(SentryError) in
            try stub.withState { state throws(SentryError) in
                guard let app = state.installations[parameters["uuid"]] else { throw SentryError.notFound() }
                guard call.request.method == "POST" else { throw SentryError.methodNotAllowed(call.request.method) }
                return try state.createExternalIssue(app: app, call: call)
            }
        }
        routes.add(nil, "sentry-app-installations/{uuid}/external-issues/{id}") {
            stub,
            call,
            parameters throws(SentryError) in
            try stub.withState { state throws(SentryError) in
                guard state.installations[parameters["uuid"]] != nil else { throw SentryError.notFound() }
                guard call.request.method == "DELETE" else {
                    throw SentryError.methodNotAllowed(call.request.method)
                }
                return try state.deleteExternalIssue(parameters["id"])
            }
        }
        return routes
    }()

    private func withState(
        _ body: (inout SentryState) throws(SentryError) -> StubResponse
    ) throws(SentryError) -> StubResponse {
        try state.withLock { state throws(SentryError) -> StubResponse in try body(&state) }
    }
}

/// One request's inputs and Sentry's list answer (cursor pagination in `Link`).
struct SentryCall {
    let request: StubRequest
    let baseURL: String

    /// The JSON object body of a write; DRF's parse error otherwise.
    func body() throws(SentryError) -> [String: JSON] {
        if request.body.isEmpty { return [:] }
        guard let document = JSON.parse(request.body) else {
            throw SentryError(400, detail: "JSON parse error - Expecting value: line 1 column 1 (char 0)")
        }
        guard let object = document.object else {
            throw SentryError(400, body: ["non_field_errors": ["Invalid data. Expected a dictionary, but got list."]])
        }
        return object
    }

    /// A page of `items` per `cursor` (`0:<offset>:0`) and `per_page` (1…100, default 100), with Sentry's `Link`.
    func page(_ items: [JSON]) throws(SentryError) -> StubResponse {
        let query = request.query
        var perPage = 100
        if let text = query["per_page"] {
            guard let value = Int(text), (1...100).contains(value) else {
                throw SentryError(400, detail: "Invalid per_page value. Cannot exceed 100.")
            }
            perPage = value
        }
        var offset = 0
        if let cursor = query["cursor"] {
            let parts = cursor.split(separator: ":")
            guard parts.count == 3, let value = Int(parts[1]), (0...100_000_000).contains(value) else {
                throw SentryError(400, detail: "Invalid cursor parameter.")
            }
            offset = value
        }
        let end = min(items.count, offset + perPage)
        let slice = offset < items.count ? Array(items[offset..<end]) : []
        let url = baseURL + request.path
        var params = query
        params["cursor"] = nil
        let prefix = params.keys.sorted().map { "\($0)=\(params[$0]!)&" }.joined()
        let previous = "\(max(0, offset - perPage))"
        let previousCursor = "0:\(previous):1"
        let nextCursor = "0:\(end):0"
        let link =
            "<\(url)?\(prefix)cursor=\(previousCursor)>; rel=\"previous\"; results=\"\(offset > 0)\"; cursor=\"\(previousCursor)\", "
            + "<\(url)?\(prefix)cursor=\(nextCursor)>; rel=\"next\"; results=\"\(end < items.count)\"; cursor=\"\(nextCursor)\""
        return .json(200, .array(slice), headers: [("Link", link)])
    }
}

extension StubRoutes where Handler == SentryStub.Handler {
    /// Adds an endpoint written as a trailing closure (wrapped here, where its type is concrete).
    mutating func add(
        _ method: String?,
        _ pattern: String,
        _ answer: @escaping @Sendable (SentryStub, SentryCall, RouteParameters) throws(SentryError) -> StubResponse
    ) {
        add(method, pattern, SentryStub.Handler(answer))
    }
}
