import Foundation
import ServiceSupport
import Synchronization

/// The tokens Sentry or Asana refused during a batch. A refused token is a configuration error, not a passing
/// failure: every record that needs it fails until someone fixes the secret, so the consumer says so once per
/// batch, naming the token, and publishes a metric an alarm pages on (`ConsumerHandler.handle`).
public final class CredentialRefusals: Sendable {
    private let refused = Mutex<[String: [Int]]>([:])

    public init() {}

    /// `credential` (the secret key, such as `ASANA_PAT`) was answered `status`.
    func record(_ credential: String, status: Int) {
        refused.withLock { $0[credential, default: []].append(status) }
    }

    /// What was refused since the last call, by credential, with the statuses seen.
    func drain() -> [String: [Int]] {
        refused.withLock { state in
            defer { state = [:] }
            return state
        }
    }
}

/// An HTTP transport that notes in `refusals` every answer whose status says `credential` was refused.
struct RefusalWatchingTransport: APITransport {
    let inner: any APITransport
    let credential: String
    let statuses: Set<Int>
    let refusals: CredentialRefusals

    func send(_ request: APIRequest) async throws -> APIResponse {
        let response = try await inner.send(request)
        if statuses.contains(response.status) { refusals.record(credential, status: response.status) }
        return response
    }
}

/// One line of CloudWatch's embedded metric format: written to the function's log, it becomes a metric on AWS,
/// and the local emulator evaluates the same lines for the stack's alarms.
enum EmbeddedMetric {
    static func line(
        namespace: String,
        name: String,
        value: Double,
        properties: [String: String],
        at date: Date
    )
        -> String
    {
        var object: [String: Any] = [
            "_aws": [
                "Timestamp": Int64((date.timeIntervalSince1970 * 1000).rounded()),
                "CloudWatchMetrics": [
                    ["Namespace": namespace, "Dimensions": [[String]()], "Metrics": [["Name": name, "Unit": "Count"]]]
                ],
            ],
            name: value,
        ]
        for (key, text) in properties { object[key] = text }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
