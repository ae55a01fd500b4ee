import Foundation
import Hashing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The fixture webhooks the dashboard offers (`fixtures/webhooks/*.json`) and sending one as Sentry does: the
/// file's exact bytes, `Sentry-Hook-Signature` = hex HMAC-SHA256 of them under the integration's client secret
/// (read from the emulator's own Secrets Manager, so the page never holds it), the other Sentry headers, 1 s
/// timeout, to the producer's Function URL. The same signing as `devstack send` (`Stubs/WebhookSender`).
struct FixtureWebhooks: Sendable {
    let folder: URL

    init(fixturesPath: String) {
        folder = URL(fileURLWithPath: fixturesPath).appendingPathComponent("webhooks")
    }

    /// File names, sorted.
    func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted()
    }

    /// The bytes of one fixture; only a plain file name of `names()` is accepted (no path).
    func body(of name: String) throws(DashboardError) -> [UInt8] {
        guard !name.contains("/"), !name.hasPrefix("."), names().contains(name) else {
            throw DashboardError(.notFound, "no fixture called '\(name)' in \(folder.path)")
        }
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
            throw DashboardError(.notFound, "cannot read \(name)")
        }
        return Array(data)
    }

    /// The headers Sentry sends with an `event_alert` webhook.
    static func headers(body: [UInt8], secret: String, requestID: String, now: Date) -> [(String, String)] {
        [
            ("Content-Type", "application/json"),
            ("Request-ID", requestID),
            ("Sentry-Hook-Resource", "event_alert"),
            ("Sentry-Hook-Timestamp", String(Int(now.timeIntervalSince1970))),
            ("Sentry-Hook-Signature", Hex.encode(Digest.hmacSHA256(key: Array(secret.utf8), data: body))),
        ]
    }

    /// Posts `body` signed with `secret` to `url`; the producer's status and answer.
    static func send(_ body: [UInt8], secret: String, to url: URL) async throws(DashboardError) -> (Int, String) {
        var request = URLRequest(url: url, timeoutInterval: 1)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        for (name, value) in headers(body: body, secret: secret, requestID: UUID().lowercasedString, now: Date()) {
            request.setValue(value, forHTTPHeaderField: name)
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 1
        configuration.timeoutIntervalForResource = 1
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        do {
            let (data, response) = try await session.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        } catch {
            throw DashboardError(.unreachable, "the producer at \(url.absoluteString) did not answer: \(error)")
        }
    }
}
