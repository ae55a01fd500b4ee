import ArgumentParser
import Foundation
import Harness

/// `devstack dlq list | redrive`: what sits in the dead-letter queue and why, and moving it back.
struct DLQCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "List the dead-letter queue's messages, or re-drive them.",
        subcommands: [List.self, Redrive.self],
        defaultSubcommand: List.self
    )

    /// The DLQ to act on: `--queue`, else the one queue that some redrive policy names, else sentry-asana-message-queue-dlq.
    struct QueueChoice: ParsableArguments {
        @Option(help: "The dead-letter queue (default: the queue a redrive policy points at).") var queue: String?

        func resolve(_ admin: AdminClient) async throws -> String {
            if let queue { return queue }
            let queues = try await admin.queues()
            let targets = Set(queues.compactMap { $0.redrivePolicy?.deadLetterTargetArn })
            let dlqs = queues.filter { $0.arn.map(targets.contains) ?? false }
            return dlqs.count == 1 ? dlqs[0].name : "sentry-asana-message-queue-dlq"
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Messages in the DLQ: id, receive count, sent time, DeadLetterReason, first line of the body.",
            discussion: "--json prints the messages in full; `devstack replay` reads that output back."
        )
        @OptionGroup var endpoint: EmulatorCommand.Endpoint
        @OptionGroup var choice: QueueChoice
        @Flag(help: "Print JSON (full bodies and attributes).") var json = false

        func run() async throws {
            let admin = try AdminClient(endpoint: try endpoint.endpoint)
            let queue = try await choice.resolve(admin)
            let messages = try await admin.messages(queue: queue)
            if json {
                struct Output: Encodable {
                    var queue: String
                    var messages: [QueueMessage]
                }
                print(CLIReport.json(Output(queue: queue, messages: messages)))
            } else {
                print(CLIReport.messages(messages, queue: queue))
            }
        }
    }

    struct Redrive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "redrive",
            abstract: "Move the DLQ's messages back (StartMessageMoveTask) and wait until the DLQ is empty.",
            discussion: """
                Without --to each message goes back to the queue it was dead-lettered from, as AWS does; a message \
                the consumer sent to the DLQ itself (a poison record) has no such origin and needs --to. In-flight \
                DLQ messages are not moved (AWS moves only receivable ones).
                """
        )
        @OptionGroup var endpoint: EmulatorCommand.Endpoint
        @OptionGroup var choice: QueueChoice
        @Option(help: "Destination queue name (default: each message's source queue).") var to: String?
        @Option(help: "SigV4 credentials as ACCESS_KEY:SECRET.") var credentials = "test:test"
        @Option(help: "How long to wait for the DLQ to empty (e.g. 60s, 2m).") var timeout = "60s"

        func run() async throws {
            let wait: Double
            do throws(DurationText.ParseError) { wait = try DurationText.seconds(timeout) } catch {
                throw ValidationError(error.description)
            }
            let admin = try AdminClient(endpoint: try endpoint.endpoint)
            let sqs = try LocalAWS.sqs(endpoint: try endpoint.endpoint, credentials: credentials)
            let queue = try await choice.resolve(admin)
            let redrive = DLQRedrive(sqs: sqs, admin: admin, timeout: .milliseconds(Int64(wait * 1000)))
            let outcome = try await redrive.run(dlq: queue, to: to) { line in print(line) }
            if let reason = outcome.failureReason {
                print("the move task failed: \(reason)")
                if to == nil {
                    print("hint: give a destination with --to QUEUE (e.g. --to sentry-asana-message-queue)")
                }
            }
            if outcome.timedOut { print("gave up waiting after \(DurationText.describe(wait)); the DLQ is not empty") }
            if outcome.leftInFlight > 0 {
                print(
                    "\(outcome.leftInFlight) message(s) in flight in \(queue) were not moved; run again once they are visible"
                )
            }
            if outcome.status != "COMPLETED" || outcome.timedOut { throw ExitCode(1) }
        }
    }
}
