import Foundation
import ServiceSupport

/// `SentryAPIClient` over HTTP with a Bearer token (an internal integration's token or a personal one).
public struct DefaultSentryClient: SentryAPIClient {
    public var baseURL: URL
    public var organization: String
    private let token: String
    private let transport: any APITransport
    public var timeout: Duration
    /// The time `X-Sentry-Rate-Limit-Reset` is measured against.
    private let now: @Sendable () -> Date

    public init(
        baseURL: URL,
        organization: String,
        token: String,
        transport: any APITransport,
        timeout: Duration = .seconds(5),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.baseURL = baseURL
        self.organization = organization
        self.token = token
        self.transport = transport
        self.timeout = timeout
        self.now = now
    }

    /// A 404 is checked against the organisation: the same 404 comes back for a deleted issue and for a
    /// wrong `SENTRY_ORG`, and only the first may pass as "issue deleted".
    public func issue(id: String) async throws(SentryAPIError) -> SentryIssue {
        let data: Data
        do {
            data = try await call("GET", path: "/api/0/organizations/\(escaped(organization))/issues/\(escaped(id))/")
        } catch {
            if error.code == .gone, error.status == 404 { try await checkOrganization() }
            throw error
        }
        return try decode(SentryIssue.self, from: data)
    }

    /// One issue of the organisation (the scope the consumer already has): a 404 means the organisation is
    /// not there for this token.
    func checkOrganization() async throws(SentryAPIError) {
        do {
            _ = try await call(
                "GET",
                path: "/api/0/organizations/\(escaped(organization))/issues/",
                query: [URLQueryItem(name: "limit", value: "1")]
            )
        } catch {
            guard error.code == .gone, error.status == 404 else { return }
            throw SentryAPIError(
                .organizationNotFound,
                status: 404,
                detail: "organization '\(organization)' not found: check SENTRY_ORG and the token's organization"
            )
        }
    }

    public func externalIssues(issueID: String) async throws(SentryAPIError) -> [ExternalIssue] {
        let path = "/api/0/organizations/\(escaped(organization))/issues/\(escaped(issueID))/external-issues/"
        return try decode([ExternalIssue].self, from: try await call("GET", path: path))
    }

    public func link(_ link: ExternalIssueLink, installationUUID: String) async throws(SentryAPIError) -> ExternalIssue
    {
        let body = try? JSONSerialization.data(withJSONObject: link.jsonObject, options: [.sortedKeys])
        let path = "/api/0/sentry-app-installations/\(escaped(installationUUID))/external-issues/"
        let data = try await call("POST", path: path, body: body)
        return (try? JSONDecoder().decode(ExternalIssue.self, from: data)) ?? ExternalIssue(webURL: link.webURL)
    }

    private func call(
        _ method: String,
        path: String,
        query: [URLQueryItem] = [],
        body: Data? = nil
    ) async throws(SentryAPIError) -> Data {
        var headers = ["Authorization": "Bearer \(token)", "Accept": "application/json"]
        if body != nil { headers["Content-Type"] = "application/json" }
        var url = baseURL.appending(path: path.hasPrefix("/") ? String(path.dropFirst()) : path)
        if !query.isEmpty { url.append(queryItems: query) }
        let request = APIRequest(method: method, url: url, headers: headers, body: body, timeout: timeout)
        let response: APIResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw SentryAPIError(.transport, detail: String(describing: error))
        }
        if (200..<300).contains(response.status) { return response.body }
        let detail = Self.detail(from: response.body)
        switch response.status {
        case 404, 410: throw SentryAPIError(.gone, status: response.status, detail: detail)
        case 401, 403: throw SentryAPIError(.unauthorized, status: response.status, detail: detail)
        case 429:
            throw SentryAPIError(
                .rateLimited,
                status: 429,
                detail: detail,
                retryAfter: Self.retryAfter(response, now: now())
            )
        case 500...: throw SentryAPIError(.serverError, status: response.status, detail: detail)
        default: throw SentryAPIError(.rejected, status: response.status, detail: detail)
        }
    }

    /// Seconds until a 429 may be retried. Sentry sends no `Retry-After` on its API's 429s but
    /// `X-Sentry-Rate-Limit-Reset`, the epoch second its window resets: that first (at least 1 s), then a
    /// `Retry-After` should one appear (a proxy in between).
    static func retryAfter(_ response: APIResponse, now: Date) -> Double? {
        if let reset = response.header("x-sentry-rate-limit-reset").flatMap(Double.init) {
            return max(1, (reset - now.timeIntervalSince1970).rounded(.up))
        }
        return response.header("retry-after").flatMap(Double.init)
    }

    private func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(SentryAPIError) -> T {
        do { return try JSONDecoder().decode(type, from: data) } catch {
            throw SentryAPIError(.badResponse, detail: "unreadable \(type) body")
        }
    }

    private func escaped(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? segment
    }

    /// Sentry's error body is `{"detail": "…"}`.
    static func detail(from body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        if let detail = object["detail"] as? String { return String(detail.prefix(300)) }
        return nil
    }
}
