import Foundation
import Stubs
import TestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Shared helpers of the stub tests: fixtures, fresh stubs and a small HTTP client.
enum Fixtures {
    static var root: URL { ChildProcess.packageRoot.appendingPathComponent("fixtures") }

    /// The stub's own example workspace (`fixtures/stub-tests/asana/`), not the production seed.
    static func asana() throws -> AsanaStub {
        try AsanaStub(seedDirectory: root.appendingPathComponent("stub-tests/asana"), token: "asana-token")
    }

    static func sentry(rateLimit: Int = 1000) throws -> SentryStub {
        try SentryStub(
            seedDirectory: root.appendingPathComponent("sentry"),
            token: "sentry-token",
            rateLimitPerSecond: rateLimit
        )
    }

    static func webhooks() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(
            at: root.appendingPathComponent("webhooks"),
            includingPropertiesForKeys: nil
        ).filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
    }
}

struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var json: JSON? { JSON.parse(body) }
    var text: String { String(decoding: body, as: UTF8.self) }
}

enum HTTP {
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        configuration.timeoutIntervalForResource = 10
        return URLSession(configuration: configuration)
    }()

    static func call(
        _ method: String,
        _ url: URL,
        token: String? = nil,
        body: String? = nil,
        headers: [String: String] = [:],
        freshConnection: Bool = false
    ) async throws -> HTTPAnswer {
        let session: URLSession
        if freshConnection {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = 10
            session = URLSession(configuration: configuration)
        } else {
            session = HTTP.session
        }
        defer { if freshConnection { session.finishTasksAndInvalidate() } }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var out: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            out[String(describing: name).lowercased()] = String(describing: value)
        }
        return HTTPAnswer(status: http.statusCode, headers: out, body: Array(data))
    }
}

extension StubServer {
    /// Answers without sockets, for state tests: same path as over HTTP minus the journal.
    func call(
        _ method: String,
        _ uri: String,
        token: String?,
        body: String? = nil,
        contentType: String = "application/json"
    ) async -> (status: Int, json: JSON, response: StubResponse) {
        var headers: [(name: String, value: String)] = [("Host", "127.0.0.1")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if body != nil { headers.append(("Content-Type", contentType)) }
        let request = StubRequest(method: method, uri: uri, headers: headers, body: Array((body ?? "").utf8))
        let (response, _) = await answer(request)
        return (response.status, JSON.parse(response.body) ?? .null, response)
    }
}
