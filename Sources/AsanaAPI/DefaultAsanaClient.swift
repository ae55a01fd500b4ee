import Foundation
import ServiceSupport

/// `AsanaAPIClient` over HTTP with a personal access token.
public struct DefaultAsanaClient: AsanaAPIClient {
    public var baseURL: URL
    private let token: String
    private let transport: any APITransport
    public var timeout: Duration
    /// Bound on pages followed per listing (100 items a page).
    public var maxPages: Int

    public init(
        baseURL: URL = URL(string: "https://app.asana.com/api/1.0")!,
        token: String,
        transport: any APITransport,
        timeout: Duration = .seconds(8),
        maxPages: Int = 20
    ) {
        self.baseURL = baseURL
        self.token = token
        self.transport = transport
        self.timeout = timeout
        self.maxPages = maxPages
    }

    static let taskFields = "name,notes,permalink_url,created_at"

    public func createTask(_ task: NewTask) async throws(AsanaError) -> AsanaTask {
        let body = try? JSONSerialization.data(withJSONObject: task.jsonObject, options: [.sortedKeys])
        let data = try await call("POST", path: "tasks", query: [("opt_fields", Self.taskFields)], body: body)
        return try decode(Envelope<AsanaTask>.self, from: data).data
    }

    public func task(gid: String) async throws(AsanaError) -> AsanaTask {
        let data = try await call("GET", path: "tasks/\(gid)", query: [("opt_fields", Self.taskFields)])
        return try decode(Envelope<AsanaTask>.self, from: data).data
    }

    public func portfolioItems(portfolio: String) async throws(AsanaError) -> [PortfolioItem] {
        try await paginate(
            path: "portfolios/\(portfolio)/items",
            query: [("opt_fields", "name,resource_type,created_at,archived")]
        )
    }

    public func recentTasks(project: String, since: Date) async throws(AsanaError) -> [AsanaTask] {
        let stamp = since.formatted(Date.ISO8601FormatStyle())
        return try await paginate(
            path: "tasks",
            query: [("project", project), ("modified_since", stamp), ("opt_fields", Self.taskFields)]
        )
    }

    public func addComment(taskGID: String, text: String) async throws(AsanaError) {
        let body = try? JSONSerialization.data(withJSONObject: ["data": ["text": text]], options: [.sortedKeys])
        _ = try await call("POST", path: "tasks/\(taskGID)/stories", query: [("opt_fields", "gid")], body: body)
    }

    public func deleteTask(gid: String) async throws(AsanaError) {
        _ = try await call("DELETE", path: "tasks/\(gid)", query: [])
    }

    private struct Envelope<T: Decodable>: Decodable { var data: T }
    private struct Page<T: Decodable>: Decodable {
        struct Next: Decodable { var offset: String? }
        var data: [T]
        var nextPage: Next?
        enum CodingKeys: String, CodingKey {
            case data
            case nextPage = "next_page"
        }
    }

    private func paginate<T: Decodable>(path: String, query: [(String, String)]) async throws(AsanaError) -> [T] {
        var items: [T] = []
        var offset: String?
        for _ in 0..<maxPages {
            var pageQuery = query + [("limit", "100")]
            if let offset { pageQuery.append(("offset", offset)) }
            let page = try decode(Page<T>.self, from: try await call("GET", path: path, query: pageQuery))
            items += page.data
            guard let next = page.nextPage?.offset, !next.isEmpty else { return items }
            offset = next
        }
        return items
    }

    private func call(
        _ method: String,
        path: String,
        query: [(String, String)],
        body: Data? = nil
    ) async throws(AsanaError) -> Data {
        var components = URLComponents(url: baseURL.appending(path: path), resolvingAgainstBaseURL: false)
        components?.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        guard let url = components?.url else { throw AsanaError(.rejected, messages: ["bad URL for \(path)"]) }
        var headers = ["Authorization": "Bearer \(token)", "Accept": "application/json"]
        if body != nil { headers["Content-Type"] = "application/json" }
        let response: APIResponse
        do {
            response = try await transport.send(
                APIRequest(method: method, url: url, headers: headers, body: body, timeout: timeout)
            )
        } catch {
            throw AsanaError(.transport, messages: [String(describing: error)])
        }
        if (200..<300).contains(response.status) { return response.body }
        let messages = Self.messages(from: response.body)
        let code: AsanaError.Code =
            switch response.status {
            case 400: .badRequest
            case 401: .unauthorized
            case 402, 403: .forbidden
            case 404: .notFound
            case 429: .rateLimited
            case 500...: .serverError
            default: .rejected
            }
        throw AsanaError(
            code,
            status: response.status,
            messages: messages,
            retryAfter: response.status == 429 ? response.header("retry-after").flatMap(Double.init) : nil
        )
    }

    private func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(AsanaError) -> T {
        do { return try JSONDecoder().decode(type, from: data) } catch {
            throw AsanaError(.badResponse, messages: ["unreadable response body"])
        }
    }

    /// Asana's error body: `{"errors": [{"message": "…", "help": "…"}]}`.
    static func messages(from body: Data) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let errors = object["errors"] as? [[String: Any]]
        else { return [] }
        return errors.compactMap { $0["message"] as? String }.map { String($0.prefix(300)) }
    }
}
