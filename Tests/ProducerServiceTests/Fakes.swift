import Foundation
import Logging
import ProducerService
import ServiceSupport
import Synchronization

struct QueueDown: Error, CustomStringConvertible {
    var description: String { "SQS unavailable" }
}

/// Records enqueued messages; fails the first `failures` calls; each call takes `latency` on the clock.
final class FakeQueue: WebhookQueue {
    struct Sent: Equatable {
        var body: String
        var attributes: [String: String]
    }
    let state = Mutex<(sent: [Sent], calls: Int)>(([], 0))
    let failures: Int
    let latency: Duration
    let clock: ManualClock

    init(failures: Int = 0, latency: Duration = .milliseconds(10), clock: ManualClock) {
        self.failures = failures
        self.latency = latency
        self.clock = clock
    }

    func enqueue(body: String, attributes: [String: String], deadline: Deadline) async throws -> String {
        clock.advance(by: latency)
        let call = state.withLock {
            $0.calls += 1
            return $0.calls
        }
        if call <= failures { throw QueueDown() }
        state.withLock { $0.sent.append(Sent(body: body, attributes: attributes)) }
        return "msg-\(call)"
    }

    var sent: [Sent] { state.withLock { $0.sent } }
    var calls: Int { state.withLock { $0.calls } }
}

/// Serves `cached` until a forced refresh, then `fresh`; counts the forced refreshes.
final class FakeSecrets: SecretsProvider {
    let state = Mutex<(refreshes: Int, plain: Int)>((0, 0))
    let cached: ServiceSecrets?
    let fresh: ServiceSecrets?

    init(cached: String?, fresh: String? = nil) {
        self.cached = cached.map { ServiceSecrets(sentryClientSecret: $0) }
        self.fresh = (fresh ?? cached).map { ServiceSecrets(sentryClientSecret: $0) }
    }

    func secrets(forceRefresh: Bool) async throws -> ServiceSecrets {
        state.withLock {
            if forceRefresh {
                $0.refreshes += 1
            } else {
                $0.plain += 1
            }
        }
        guard let value = forceRefresh ? fresh : cached else {
            throw SecretsError(.unavailable, "Secrets Manager down")
        }
        return value
    }

    var refreshes: Int { state.withLock { $0.refreshes } }
}

final class LogCapture: Sendable {
    let lines = Mutex<[String]>([])
    var logger: Logger {
        Logger(label: "producer") { label in
            JSONLogHandler(label: label, level: .debug, sink: { line in self.lines.withLock { $0.append(line) } })
        }
    }
    var objects: [[String: Any]] {
        lines.withLock { $0 }.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
    var all: String { lines.withLock { $0.joined(separator: "\n") } }
}
