import Foundation
import Hashing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends a Sentry integration webhook the way Sentry does: the body's bytes exactly as given, signed with the
/// integration's client secret, a 1 s timeout, and (for a published app) up to 3 retries on 5xx and timeouts but
/// never on 4xx.
package struct WebhookSender: Sendable {
    package var secret: String
    package var resource: String
    package var timeout: TimeInterval
    package var published: Bool
    package var retries: Int
    package var retryDelay: Duration

    package init(
        secret: String,
        resource: String = "event_alert",
        timeout: TimeInterval = 1,
        published: Bool = false,
        retries: Int = 3,
        retryDelay: Duration = .milliseconds(200)
    ) {
        self.secret = secret
        self.resource = resource
        self.timeout = timeout
        self.published = published
        self.retries = retries
        self.retryDelay = retryDelay
    }

    /// `Sentry-Hook-Signature`: lower-case hex HMAC-SHA256 of the exact body bytes under the client secret.
    package static func signature(body: some Collection<UInt8>, secret: String) -> String {
        Hex.encode(Digest.hmacSHA256(key: Array(secret.utf8), data: body))
    }

    /// The headers Sentry sends with a webhook.
    package static func headers(
        body: [UInt8],
        secret: String,
        resource: String,
        requestID: String = UUID().uuidString.lowercased(),
        timestamp: Date = Date()
    ) -> [(name: String, value: String)] {
        [
            ("Content-Type", "application/json"),
            ("Request-ID", requestID),
            ("Sentry-Hook-Resource", resource),
            ("Sentry-Hook-Timestamp", String(Int(timestamp.timeIntervalSince1970))),
            ("Sentry-Hook-Signature", signature(body: body, secret: secret)),
        ]
    }

    /// Delivers `body` to `url`; the result lists every attempt.
    package func send(_ body: [UInt8], to url: URL) async -> WebhookDelivery {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpMaximumConnectionsPerHost = 1
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let requestID = UUID().uuidString.lowercased()
        var attempts: [WebhookDelivery.Attempt] = []
        let maximum = published ? 1 + max(0, retries) : 1
        for number in 1...maximum {
            if number > 1 { try? await Task.sleep(for: retryDelay) }
            var request = URLRequest(url: url, timeoutInterval: timeout)
            request.httpMethod = "POST"
            request.httpBody = Data(body)
            for header in WebhookSender.headers(body: body, secret: secret, resource: resource, requestID: requestID) {
                request.setValue(header.value, forHTTPHeaderField: header.name)
            }
            let started = ContinuousClock.now
            var attempt = WebhookDelivery.Attempt(number: number)
            do {
                let (data, response) = try await session.data(for: request)
                attempt.status = (response as? HTTPURLResponse)?.statusCode
                attempt.body = String(decoding: data, as: UTF8.self)
            } catch let error as URLError where error.code == .timedOut {
                attempt.error = "timed out after \(timeout) s"
                attempt.timedOut = true
            } catch {
                attempt.error = "\(error.localizedDescription)"
            }
            let elapsed = ContinuousClock.now - started
            attempt.milliseconds =
                Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            attempts.append(attempt)
            if !attempt.shouldRetry { break }
        }
        return WebhookDelivery(requestID: requestID, attempts: attempts)
    }
}

/// What happened to one webhook: every attempt with its status or error.
package struct WebhookDelivery: Sendable {
    package struct Attempt: Sendable {
        package var number: Int
        package var status: Int?
        package var body: String = ""
        package var error: String?
        package var timedOut = false
        package var milliseconds: Double = 0

        package init(number: Int) { self.number = number }

        /// 5xx, timeouts and connection failures are retried; 2xx, 3xx and 4xx are final.
        package var shouldRetry: Bool {
            guard let status else { return true }
            return status >= 500
        }
    }

    package var requestID: String
    package var attempts: [Attempt]

    /// The last attempt got a 2xx.
    package var succeeded: Bool { attempts.last?.status.map { (200..<300).contains($0) } ?? false }
}
