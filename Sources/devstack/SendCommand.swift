import ArgumentParser
import Foundation
import Harness
import Stubs

struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send webhook files to the producer as Sentry would: exact bytes, signed, 1 s timeout.",
        discussion: """
            Each FILE is sent as it is, with Content-Type, Request-ID, Sentry-Hook-Resource, Sentry-Hook-Timestamp \
            and Sentry-Hook-Signature (HMAC-SHA256 hex of the bytes under --secret). With --published a delivery \
            is retried up to 3 times on 5xx or timeout, never on 4xx. Exits non-zero when any delivery failed. \
            Without --to and --secret both come from the running `devstack up` (its endpoints file in --state).
            """
    )

    @Argument(help: "Webhook payload files (e.g. fixtures/webhooks/*.json).") var files: [String]
    @Option(help: "The producer's URL (default: $DEVSTACK_WEBHOOK_URL, else the running devstack up's).")
    var to: String?
    @Option(help: "Sentry-Hook-Resource header.") var resource = "event_alert"
    @Option(
        help: "The integration's client secret (default: $SENTRY_CLIENT_SECRET, else the running devstack up's)."
    )
    var secret: String?
    @Flag(help: "Retry like a published Sentry app (3 times on 5xx or timeout).") var published = false
    @OptionGroup var running: RunningStackOption

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var target = to ?? environment["DEVSTACK_WEBHOOK_URL"]
        var key = secret ?? environment["SENTRY_CLIENT_SECRET"]
        if target == nil || key == nil {
            // Flags and variables win; what they leave open comes from the running stack.
            let stack = try running.find()
            target = target ?? stack.endpoints.webhookURL
            key = key ?? stack.clientSecret
        }
        guard let target, let url = URL(string: target), url.scheme == "http" || url.scheme == "https" else {
            throw ValidationError("the producer's URL '\(target ?? "")' is not an http:// URL (--to)")
        }
        guard let secret = key, !secret.isEmpty else {
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
