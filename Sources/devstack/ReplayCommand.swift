import ArgumentParser
import Foundation
import Harness

/// `devstack replay FILE…`: push a production failure through the local stack — a DLQ message as
/// `aws sqs receive-message --output json` printed it, or the producer's replay log line.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract:
            "Replay production messages (an `aws sqs receive-message` dump or the producer's replay log line) locally.",
        discussion: """
            Each message is sent with SendMessage to --queue with its body and message attributes unchanged. \
            SQS system attributes of a dump (ApproximateReceiveCount, SentTimestamp, …) cannot be restored: each \
            replayed message is a new message with a new id and a receive count of 0. \
            With --webhook a replay log line is instead POSTed to the producer's URL as Sentry sent it, signed \
            again with --secret (the local client secret) so the producer verifies it.
            """
    )

    @Argument(
        help:
            "Files (- for stdin): receive-message JSON, a [Message…] array, replay log lines, `devstack dlq list --json`."
    )
    var files: [String]
    @OptionGroup var endpoint: EmulatorCommand.Endpoint
    @Option(help: "Queue to send to.") var queue = "sentry-asana-message-queue"
    @Option(help: "SigV4 credentials as ACCESS_KEY:SECRET.") var credentials = "test:test"
    @Option(help: "POST replay log lines to this webhook URL instead of sending to the queue.") var webhook: String?
    @Option(
        help: "Client secret to sign webhook replays with (default: $SENTRY_CLIENT_SECRET, else the running up's)."
    ) var secret: String?
    @Flag(help: "Show what would be sent; send nothing.") var dryRun = false
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if let webhook {
            guard let url = URL(string: webhook), url.scheme == "http" || url.scheme == "https" else {
                throw ValidationError("--webhook takes the producer's URL, e.g. http://127.0.0.1:9000/")
            }
        }
    }

    struct Sent: Encodable {
        var source: String
        var messageId: String?
        var status: Int?
        var response: String?
    }

    func run() async throws {
        var messages: [ReplayMessage] = []
        for file in files {
            if file == "-" {
                messages += try ReplayFile.load(FileHandle.standardInput.readDataToEndOfFile(), file: "stdin")
            } else {
                messages += try ReplayFile.load(files: [file])
            }
        }
        if dryRun {
            for message in messages {
                let names = message.attributes.keys.sorted().joined(separator: ", ")
                print("\(message.source): \(message.body.utf8.count) bytes, attributes [\(names)]")
                for note in message.notes { print("  note: \(note)") }
            }
            print("dry run: nothing sent")
            return
        }
        let sent = try await (webhook != nil ? deliverToWebhook(messages) : sendToQueue(messages))
        if json { print(CLIReport.json(sent)) }
        if sent.contains(where: { $0.status.map { !(200..<300).contains($0) } ?? false }) { throw ExitCode(1) }
    }

    func sendToQueue(_ messages: [ReplayMessage]) async throws -> [Sent] {
        let address = try endpoint.endpoint
        let replayer = Replayer(sqs: try LocalAWS.sqs(endpoint: address, credentials: credentials))
        let queueURL: String
        do {
            queueURL = try await replayer.queueURL(named: queue)
        } catch {
            throw ReplayError(
                .sendFailed,
                file: address,
                "cannot find the queue '\(queue)' (\(error)); nothing was sent. `devstack queues` lists the queues"
            )
        }
        let ids = try await replayer.push(messages, queueURL: queueURL)
        var out: [Sent] = []
        for (message, id) in zip(messages, ids) {
            out.append(Sent(source: message.source, messageId: id))
            guard !json else { continue }
            print("\(message.source) → \(queue) as message \(id)")
            for note in message.notes { print("  note: \(note)") }
        }
        let lost = Set(messages.flatMap { $0.unrestorable.keys })
        if !json && !lost.isEmpty {
            print(
                "note: the dump's system attributes (\(lost.sorted().joined(separator: ", "))) cannot be restored; "
                    + "each replayed message is new (new id, receive count 0, sent now)"
            )
        }
        return out
    }

    func deliverToWebhook(_ messages: [ReplayMessage]) async throws -> [Sent] {
        guard let webhook, let url = URL(string: webhook) else { return [] }
        if let plain = messages.first(where: { $0.delivery == nil }) {
            throw ReplayError(
                .invalidMessage,
                file: plain.source,
                "this is an SQS message, not a webhook delivery (a producer replay line): replay it without --webhook"
            )
        }
        let key =
            secret ?? ProcessInfo.processInfo.environment["SENTRY_CLIENT_SECRET"]
            ?? (try? endpoint.running.find().clientSecret)
        if key == nil && !json {
            print(
                "note: no --secret: the original signature is sent, which the local producer rejects unless its secret is production's"
            )
        }
        let replayer = WebhookReplayer(secret: key)
        var out: [Sent] = []
        for message in messages {
            guard let delivery = message.delivery else { continue }
            let answer = try await replayer.deliver(delivery, to: url, source: message.source)
            out.append(Sent(source: message.source, status: answer.status, response: answer.body))
            if !json { print("\(message.source) → POST \(webhook): HTTP \(answer.status) \(answer.body)") }
        }
        return out
    }
}
