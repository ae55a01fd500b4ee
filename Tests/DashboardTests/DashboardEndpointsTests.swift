import Foundation
import HTTPTypes
import Hashing
import Hummingbird
import Synchronization
import TestSupport
import Testing

@testable import Emulator

/// The page and the endpoints only the dashboard needed: served under the control API's access rules, with a
/// policy that keeps the page to itself; fixtures listed and sent signed as Sentry signs them, the secret never
/// shown whole.
@Suite struct DashboardEndpointsTests {
    @Test func thePageIsServedWithItsOwnAssetsUnderTheControlAPIRules() async throws {
        let harness = try DashboardHarness()
        let page = await harness.admin("GET", "/_devstack/dashboard")
        #expect(page.status == 200)
        #expect(page.header("content-type")?.hasPrefix("text/html") == true)
        #expect(page.text.contains("/_devstack/dashboard/app.js"))
        let policy = page.header("content-security-policy") ?? ""
        #expect(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"), "\(policy)")
        #expect(!page.text.contains("http://") && !page.text.contains("https://"), "no asset from elsewhere")
        #expect(await harness.admin("GET", "/_devstack/dashboard/app.js").text.contains("/events?after="))
        #expect(await harness.admin("GET", "/_devstack/dashboard/app.css").status == 200)
        let rebound = await harness.admin(
            "GET",
            "/_devstack/dashboard",
            headers: [("host", "rebind.evil.example:4566")]
        )
        #expect(rebound.status == 403)
        let crossSite = await harness.admin(
            "POST",
            "/_devstack/webhooks/send",
            #"{"fixture":"a.json"}"#,
            headers: [("host", "127.0.0.1:4566"), ("origin", "https://evil.example")]
        )
        #expect(crossSite.status == 403)
    }

    @Test func fixturesAreListedAndSentSignedWithTheStackSecretWhichIsNeverShownWhole() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("webhooks"),
            withIntermediateDirectories: true
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        let payload = #"{"action":"triggered","data":{"event":{"issue_id":"4500000001"}}}"#
        try Data(payload.utf8).write(to: folder.appendingPathComponent("webhooks/alert.json"))
        try Data("not json".utf8).write(to: folder.appendingPathComponent("webhooks/README.md"))
        let harness = try DashboardHarness(fixturesPath: folder.path)
        let secret = "dev-sentry-client-secret"
        _ = await harness.call(
            "secretsmanager.CreateSecret",
            ["Name": "Sentry_Asana_Secrets", "SecretString": #"{"SENTRY_CLIENT_SECRET":"\#(secret)"}"#]
        )
        let listed = await harness.admin("GET", "/_devstack/webhooks")
        #expect(listed.json["fixtures"] as? [String] == ["alert.json"])
        #expect(await harness.admin("POST", "/_devstack/webhooks/send", #"{"fixture":"../x.json"}"#).status == 404)
        #expect(
            await harness.admin("POST", "/_devstack/webhooks/send", #"{"fixture":"alert.json"}"#).status == 409,
            "no stack loaded: no webhook to call"
        )

        let seen = Mutex<(signature: String?, body: String)?>(nil)
        let router = Router()
        router.post("/") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            seen.withLock {
                $0 = (request.headers[HTTPField.Name("Sentry-Hook-Signature")!], String(buffer: body))
            }
            return Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"status":"queued","messageId":"m-1"}"#))
            )
        }
        try await withTestServer(router) { url in
            harness.emulator.dashboardLinks.withLock {
                $0.webhookURL = url.absoluteString + "/"
                $0.secretName = "Sentry_Asana_Secrets"
            }
            let sent = await harness.admin("POST", "/_devstack/webhooks/send", #"{"fixture":"alert.json"}"#)
            #expect(sent.status == 200, "\(sent.text)")
            #expect(sent.json["status"] as? Int == 200)
            #expect(sent.json["messageId"] as? String == "m-1")
        }
        let received = try #require(seen.withLock { $0 })
        #expect(received.body == payload, "the fixture's exact bytes")
        #expect(received.signature == Hex.encode(Digest.hmacSHA256(key: Array(secret.utf8), data: Array(payload.utf8))))

        let config = await harness.admin("GET", "/_devstack/dashboard/config")
        let shown = (config.json["secret"] as? [String: Any])?["shown"] as? String
        #expect(shown != nil && shown?.contains(secret) == false && shown?.hasPrefix("dev") == true, "\(config.text)")
        #expect(!config.text.contains(secret))
    }

    @Test func masksShortSecretsWhole() {
        #expect(AdminAPI.mask("abc") == "•••")
        #expect(AdminAPI.mask("dev-sentry-client-secret") == "dev… (24 chars)")
    }
}
