import Foundation
import LocalAccess

/// How an emulator runs: where it listens, where its state lives, how it checks signatures, which clock.
package struct EmulatorConfiguration: Sendable {
    package var host: String
    /// 0 lets the kernel choose (tests).
    package var port: Int
    /// The SQLite file; `nil` keeps everything in memory.
    package var statePath: String?
    package var acceptAnySignature: Bool
    package var virtualClock: Bool
    package var accountID: String
    package var region: String
    /// Access key id → secret access key.
    package var credentials: [String: String]
    /// Largest request body accepted.
    package var maxBodySize: Int
    /// Who may use `/_devstack/`: loopback host names (and `DEVSTACK_ALLOWED_HOSTS`), no foreign web origin.
    package var controlAccess: LocalAccessPolicy
    /// The fixtures folder whose `webhooks/*.json` the dashboard can send (`/_devstack/webhooks`); nil: none.
    package var fixturesPath: String?

    package init(
        host: String = "127.0.0.1",
        port: Int = 4566,
        statePath: String? = nil,
        acceptAnySignature: Bool = false,
        virtualClock: Bool = false,
        accountID: String = "000000000000",
        region: String = "us-east-1",
        credentials: [String: String] = ["test": "test"],
        maxBodySize: Int = 8 * 1024 * 1024,
        controlAccess: LocalAccessPolicy = .from(environment: ProcessInfo.processInfo.environment),
        fixturesPath: String? = nil
    ) {
        self.fixturesPath = fixturesPath
        self.host = host
        self.port = port
        self.statePath = statePath
        self.acceptAnySignature = acceptAnySignature
        self.virtualClock = virtualClock
        self.accountID = accountID
        self.region = region
        self.credentials = credentials
        self.maxBodySize = maxBodySize
        self.controlAccess = controlAccess
    }
}
