import ArgumentParser
import Foundation
import Stubs

struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send webhook files to the producer as Sentry would: exact bytes, signed, 1 s timeout.",
        discussion: """
            Each FILE is sent as it is, with Content-Type, Request-ID, Sentry-Hook-Resource, Sentry-Hook-Timestamp \
            and Sentry-Hook-Signature (HMAC-SHA256 hex of the bytes under --secret). With --published a delivery \
            is retried up to 3 times on 5xx or timeout, never on 4xx. Exits non-zero when any delivery failed.
            """
    )

    @Argument(help: "Webhook payload files (e.g. fixtures/webhooks/*.json).") var files: [String]
    @Option(help: "The producer's URL (default: $DEVSTACK_WEBHOOK_URL).") var to: String?
    @Option(help: "Sentry-Hook-Resource header.") var resource = "event_alert"
    @Option(help: "The integration's client secret (default: $SENTRY_CLIENT_SECRET).") var secret: String?
    @Flag(help: "Retry like a published Sentry app (3 times on 5xx or timeout).") var published = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let target = to ?? environment["DEVSTACK_WEBHOOK_URL"], let url = URL(string: target),
            url.scheme == "http" || url.scheme == "https"
        else { throw ValidationError("give the producer's URL with --to (or DEVSTACK_WEBHOOK_URL)") }
        guard let secret = secret ?? environment["SENTRY_CLIENT_SECRET"], !secret.isEmpty else {
            throw ValidationError("give the client secret with --secret (or SENTRY_CLIENT_SECRET)")
        }
        var bodies: [(String, [UInt8])] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw StubsCLIError("cannot read \(file)")
            }
            bodies.append((file, Array(data)))
        }
        let sender = WebhookSender(secret: secret, resource: resource, published: published)
        var failures = 0
        for (file, body) in bodies {
            let delivery = await sender.send(body, to: url)
            for attempt in delivery.attempts {
                let outcome = attempt.status.map { "HTTP \($0)" } ?? (attempt.error ?? "no answer")
                print(
                    "\(file): attempt \(attempt.number) request \(delivery.requestID) → \(outcome) in \(Int(attempt.milliseconds)) ms"
                )
                if !attempt.body.isEmpty { print("  \(attempt.body)") }
            }
            if !delivery.succeeded { failures += 1 }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
