import Foundation
import ServiceSupport
import Synchronization
import Testing

@Suite struct SecretsCacheTests {
    @Test func secretsAreFetchedOncePerProcess() async throws {
        let calls = Mutex(0)
        let cache = SecretsCache(clock: ManualClock()) {
            calls.withLock { $0 += 1 }
            return ServiceSecrets(sentryClientSecret: "a")
        }
        for _ in 0..<5 { _ = try await cache.secrets(forceRefresh: false) }
        #expect(calls.withLock { $0 } == 1)
    }

    @Test func aForcedRefreshFetchesAgainButAtMostOncePerInterval() async throws {
        let clock = ManualClock()
        let version = Mutex(0)
        let cache = SecretsCache(minimumRefreshInterval: .seconds(30), clock: clock) {
            let n = version.withLock {
                $0 += 1
                return $0
            }
            return ServiceSecrets(sentryClientSecret: "v\(n)")
        }
        #expect(try await cache.secrets(forceRefresh: false).sentryClientSecret == "v1")
        clock.advance(by: .seconds(31))
        #expect(try await cache.secrets(forceRefresh: true).sentryClientSecret == "v2")
        #expect(
            try await cache.secrets(forceRefresh: true).sentryClientSecret == "v2",
            "a second refresh within 30 s is served from memory"
        )
        #expect(await cache.fetchCount == 2)
    }

    @Test func aFailedFetchIsNotCached() async throws {
        let fail = Mutex(true)
        let cache = SecretsCache(clock: ManualClock()) {
            if fail.withLock({ $0 }) { throw SecretsError(.unavailable, "down") }
            return ServiceSecrets(sentryClientSecret: "ok")
        }
        await #expect(throws: SecretsError(.unavailable, "down")) { try await cache.secrets(forceRefresh: false) }
        fail.withLock { $0 = false }
        #expect(try await cache.secrets(forceRefresh: false).sentryClientSecret == "ok")
    }

    @Test func theSecretStringParsesAndNeverPrintsValues() throws {
        let secrets = try ServiceSecrets.parse(
            secretString: #"{"SENTRY_CLIENT_SECRET":"abc","ASANA_PAT":"1/xyz","SENTRY_PAT":""}"#
        )
        #expect(secrets.sentryClientSecret == "abc")
        #expect(secrets.asanaPAT == "1/xyz")
        #expect(secrets.sentryPAT == nil, "a blank value counts as missing")
        #expect(!String(describing: secrets).contains("abc"))
        #expect(throws: SecretsError.self) { try ServiceSecrets.parse(secretString: "not json") }
    }
}
