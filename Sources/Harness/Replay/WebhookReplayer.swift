import AWSClient
import Foundation
import Stubs

/// Delivers a producer replay line's webhook to a webhook URL exactly as Sentry sent it: the same raw bytes,
/// the same `Request-ID`, `Sentry-Hook-Resource` and `Sentry-Hook-Timestamp`. The original signature was made
/// with production's client secret, so with `secret` the body is signed again under the local one.
package struct WebhookReplayer: Sendable {
    let transport: any HTTPTransport
    let secret: String?
    let timeout: Duration

    package init(transport: any HTTPTransport = URLSessionTransport(), secret: String?, timeout: Duration = .seconds(5))
    {
        self.transport = transport
        self.secret = secret
        self.timeout = timeout
    }

    package struct Answer: Sendable, Equatable {
        package var status: Int
        package var body: String
    }

    /// The headers sent: the logged ones, with the signature replaced when a secret is given.
    package func headers(for delivery: ReplayDelivery) -> [(name: String, value: String)] {
        var headers = delivery.headers
        if headers["content-type"] == nil { headers["content-type"] = "application/json" }
        if let secret {
            headers["sentry-app-signature"] = nil
            headers["sentry-hook-signature"] = WebhookSender.signature(body: delivery.rawBody, secret: secret)
        }
        return headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    package func deliver(_ delivery: ReplayDelivery, to url: URL, source: String) async throws(ReplayError) -> Answer {
        let request = AWSHTTPRequest(method: "POST", url: url, headers: headers(for: delivery), body: delivery.rawBody)
        do {
            let response = try await transport.send(request, timeout: timeout)
            return Answer(status: response.status, body: String(decoding: response.body, as: UTF8.self))
        } catch {
            throw ReplayError(.deliveryFailed, file: source, "POST \(url.absoluteString) failed: \(error)")
        }
    }
}
