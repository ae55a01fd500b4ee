import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small HTTP client over one ephemeral `URLSession`, for calling a stub on its port.
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
