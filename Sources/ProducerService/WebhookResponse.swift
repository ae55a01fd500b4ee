import Foundation

/// The Function URL response: always a proper HTTP answer, never a Lambda error.
public struct WebhookResponse: Sendable, Equatable {
    public var statusCode: Int
    public var headers: [String: String]
    public var body: String

    public init(statusCode: Int, headers: [String: String] = ["content-type": "application/json"], body: String) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }

    static func json(_ statusCode: Int, _ object: [String: String]) -> WebhookResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return WebhookResponse(statusCode: statusCode, body: String(decoding: data, as: UTF8.self))
    }

    /// The parsed JSON body (tests and the harness read it).
    public var jsonBody: [String: String] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String]) ?? [:]
    }
}
