import Foundation
import Logging
import ProducerService
import ServiceSupport
import Synchronization

struct QueueDown: Error, CustomStringConvertible {
    var description: String { "SQS unavailable" }
}

struct QueueTimeout: Error, CustomStringConvertible {
    var description: String { "SendMessage gave up at its deadline" }
}

/// What SQS answers for a body it can never carry (a disallowed character, over 1 MiB with the attributes).
struct QueueRefused: Error, CustomStringConvertible {
    var description: String
}

/// Records enqueued messages; fails the first `failures` calls; each call takes `latency` on the clock and gives
/// up (times out) when that passes its deadline, as the SQS client does. Refuses what SQS refuses.
final class FakeQueue: WebhookQueue {
    struct Sent: Equatable {
        var body: String
        var attributes: [String: String]
    }
    let state = Mutex<(sent: [Sent], calls: Int, deadlines: [Deadline])>(([], 0, []))
    let failures: Int
    let latency: Duration
    let clock: ManualClock

    init(failures: Int = 0, latency: Duration = .milliseconds(10), clock: ManualClock) {
        self.failures = failures
        self.latency = latency
        self.clock = clock
    }

    func enqueue(body: String, attributes: [String: String], deadline: Deadline) async throws -> String {
        let call = state.withLock {
            $0.calls += 1
            $0.deadlines.append(deadline)
            return $0.calls
        }
        if let bad = body.unicodeScalars.first(where: { !SQSMessageBody.isAllowed($0) }) {
            throw QueueRefused(description: "InvalidMessageContents: #x\(String(bad.value, radix: 16))")
        }
        if SQSMessageBody.size(body: body, attributes: attributes) > SQSMessageBody.maximumMessageBytes {
            throw QueueRefused(description: "InvalidParameterValue: message must be shorter than 1048576 bytes")
        }
        let remaining = deadline.remaining(at: clock.now())
        clock.advance(by: min(latency, remaining))
        if latency > remaining { throw QueueTimeout() }
        if call <= failures { throw QueueDown() }
        state.withLock { $0.sent.append(Sent(body: body, attributes: attributes)) }
        return "msg-\(call)"
    }

    var sent: [Sent] { state.withLock { $0.sent } }
    var calls: Int { state.withLock { $0.calls } }
    var deadlines: [Deadline] { state.withLock { $0.deadlines } }
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
    var plain: Int { state.withLock { $0.plain } }
}

final class FetchCounter: Sendable {
    let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
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
