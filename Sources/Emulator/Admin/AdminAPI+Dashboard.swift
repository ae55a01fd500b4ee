import Foundation
import Synchronization

/// The dashboard's page and the control endpoints only it needed so far (the CLI may use them too):
/// `GET /_devstack/dashboard[/app.js|/app.css|/config]`, `GET /_devstack/webhooks`,
/// `POST /_devstack/webhooks/send {"fixture": NAME}` and `POST /_devstack/sqs/queues/{dlq}/redrive`.
extension AdminAPI {
    func respondDashboard(_ request: EmulatorRequest, path: [String]) -> EmulatorResponse {
        guard request.method == "GET" else {
            return Self.error(405, "the dashboard is read with GET")
        }
        switch path {
        case []: return asset(DashboardAssets.html, type: "text/html; charset=utf-8")
        case ["app.js"]: return asset(DashboardAssets.script, type: "text/javascript; charset=utf-8")
        case ["app.css"]: return asset(DashboardAssets.style, type: "text/css; charset=utf-8")
        case ["config"]: return dashboardConfig()
        default: return Self.error(404, "unknown dashboard path \(request.path)")
        }
    }

    /// A page asset with the headers that keep it to itself: no other origin may frame it, it loads nothing but
    /// its own script and style, and talks only to this emulator and the stubs.
    private func asset(_ text: String, type: String) -> EmulatorResponse {
        let links = emulator.dashboardLinks.withLock { $0 }
        let stubs = [links.asanaURL, links.sentryURL].compactMap { $0 }.joined(separator: " ")
        return EmulatorResponse(
            status: 200,
            headers: [
                ("Content-Type", type), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
                (
                    "Content-Security-Policy",
                    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        + "connect-src 'self' \(stubs); frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
                ),
            ],
            body: Array(text.utf8)
        )
    }

    private func dashboardConfig() -> EmulatorResponse {
        let links = emulator.dashboardLinks.withLock { $0 }
        var secret: [String: Any] = ["name": links.secretName ?? NSNull(), "key": Self.clientSecretKey]
        if let value = clientSecret() { secret["shown"] = Self.mask(value) }
        return .json([
            "webhookUrl": links.webhookURL ?? NSNull(), "asanaUrl": links.asanaURL ?? NSNull(),
            "sentryUrl": links.sentryURL ?? NSNull(), "functions": links.functions, "queues": links.queues,
            "deadLetterQueues": links.deadLetterQueues, "batchingWindow": links.batchingWindow,
            "virtualClock": emulator.clock.isVirtual,
            "secret": secret, "fixtures": fixtures()?.names() ?? [],
        ])
    }

    static let clientSecretKey = "SENTRY_CLIENT_SECRET"

    /// A development secret as the page may show it: its first three characters and its length.
    static func mask(_ value: String) -> String {
        value.count <= 6 ? String(repeating: "•", count: value.count) : "\(value.prefix(3))… (\(value.count) chars)"
    }

    /// The client secret as the stack's secret holds it now (so a changed secret is what gets used).
    func clientSecret() -> String? {
        guard let name = emulator.dashboardLinks.withLock({ $0.secretName }),
            let output = try? emulator.secrets.handle("GetSecretValue", JSONInput(["SecretId": name])),
            let text = output["SecretString"] as? String,
            let values = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
        else { return nil }
        return values[Self.clientSecretKey] as? String
    }

    func fixtures() -> FixtureWebhooks? {
        emulator.configuration.fixturesPath.map(FixtureWebhooks.init(fixturesPath:))
    }

    func respondWebhooks(_ request: EmulatorRequest, path: [String]) async -> EmulatorResponse {
        switch (request.method, path) {
        case ("GET", []):
            guard let fixtures = fixtures() else {
                return Self.error(404, "this emulator was started without a fixtures folder")
            }
            return .json(["fixtures": fixtures.names()])
        case ("POST", ["send"]):
            do throws(DashboardError) {
                return .json(try await sendFixture(request.body))
            } catch {
                return Self.error(error.status, error.message)
            }
        default:
            return Self.error(404, "unknown devstack endpoint \(request.method) \(request.path)")
        }
    }

    private func sendFixture(_ body: [UInt8]) async throws(DashboardError) -> [String: Any] {
        guard let input = try? JSONInput(body: body), let name = input.fields["fixture"] as? String else {
            throw DashboardError(.badRequest, "send {\"fixture\": \"NAME.json\"} (GET /_devstack/webhooks lists them)")
        }
        guard let fixtures = fixtures() else {
            throw DashboardError(.notFound, "this emulator was started without a fixtures folder")
        }
        let payload = try fixtures.body(of: name)
        guard let target = emulator.dashboardLinks.withLock({ $0.webhookURL }), let url = URL(string: target) else {
            throw DashboardError(.notConfigured, "no stack with a Function URL is loaded: there is no webhook to call")
        }
        guard let secret = clientSecret() else {
            throw DashboardError(.notConfigured, "the stack's secret holds no \(Self.clientSecretKey)")
        }
        let (status, answer) = try await FixtureWebhooks.send(payload, secret: secret, to: url)
        var out: [String: Any] = ["fixture": name, "status": status, "body": answer]
        if let object = (try? JSONSerialization.jsonObject(with: Data(answer.utf8))) as? [String: Any],
            let id = object["messageId"] as? String
        {
            out["messageId"] = id
        }
        return out
    }

    /// Starts a message move task out of the dead-letter queue `name` (to `destination`, or back where each
    /// message came from): SQS's own `StartMessageMoveTask`, as `devstack dlq redrive` sends it.
    func redrive(_ name: String, body: [UInt8]) async -> EmulatorResponse {
        guard let queue = emulator.sqs.inspectQueue(name), let arn = queue["arn"] as? String else {
            return Self.error(404, "no queue called \(name)")
        }
        var fields: [String: Any] = ["SourceArn": arn]
        if let input = try? JSONInput(body: body), let destination = input.fields["destination"] as? String {
            guard let target = emulator.sqs.inspectQueue(destination), let targetArn = target["arn"] as? String else {
                return Self.error(404, "no queue called \(destination)")
            }
            fields["DestinationArn"] = targetArn
        }
        let caller = CallerContext(host: "localhost", accessKeyID: nil, region: emulator.configuration.region)
        do {
            let output = try await emulator.sqs.handle("StartMessageMoveTask", JSONInput(fields), caller: caller)
            return .json(["taskHandle": output["TaskHandle"] ?? NSNull(), "source": name])
        } catch {
            return Self.error(409, "\(error)")
        }
    }
}
