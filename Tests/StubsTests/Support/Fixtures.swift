import Foundation
import Stubs
import TestSupport

/// Fresh stubs seeded from the package's `fixtures/`, and the webhook payloads there.
enum Fixtures {
    static var root: URL { FixtureLoader.package("fixtures").folder }

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

    /// Every webhook payload of `fixtures/webhooks/`, sorted by path.
    static func webhooks() throws -> [URL] {
        try FixtureLoader.package("fixtures/webhooks").files(withExtension: "json")
    }
}
