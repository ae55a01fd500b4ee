import Foundation

/// What the producer needs of a Function URL (payload 2.0) request; the bootstrap maps `LambdaEvents` onto it.
public struct WebhookRequest: Sendable {
    public var method: String
    public var headers: [String: String]
    /// The body exactly as the event carries it.
    public var body: String
    public var isBase64Encoded: Bool
    /// The Lambda request id, for logs.
    public var requestID: String

    public init(
        method: String = "POST",
        headers: [String: String],
        body: String,
        isBase64Encoded: Bool = false,
        requestID: String = ""
    ) {
        self.method = method
        self.headers = headers
        self.body = body
        self.isBase64Encoded = isBase64Encoded
        self.requestID = requestID
    }

    /// A header by name, ignoring case.
    public func header(_ name: String) -> String? {
        if let exact = headers[name] { return exact }
        let lowered = name.lowercased()
        return headers.first { $0.key.lowercased() == lowered }?.value
    }

    /// The raw body bytes: base64-decoded when flagged, else the UTF-8 of `body`. Nil for bad base64.
    public var rawBody: [UInt8]? {
        guard isBase64Encoded else { return Array(body.utf8) }
        return Data(base64Encoded: body).map(Array.init)
    }
}
