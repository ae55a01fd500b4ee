import AWSClient
import Foundation
import TestSupport
import Testing

@testable import Harness

/// The built `devstack` executable itself: every new verb has help, parses its arguments, talks to an emulator
/// on a socket, prints what a person reads, and exits non-zero with a clear message on bad input.
@Suite("devstack CLI")
struct DevstackCLITests {
    static var executable: String { BackgroundProcess.productsFolder.appendingPathComponent("devstack").path }

    /// Runs devstack (`ChildProcess` waits off the test's async pool).
    static func devstack(_ arguments: [String]) async throws -> ChildProcess.Output {
        try await ChildProcess.run(executable, arguments, timeout: 60)
    }

    @Test(
        "every new verb answers --help with its purpose",
        arguments: [
            (["queues"], "visible, in-flight"), (["dlq", "list"], "DeadLetterReason"),
            (["dlq", "redrive"], "StartMessageMoveTask"),
            (["logs"], "START/END/REPORT"), (["status"], "alarm states"), (["clock", "advance"], "1h30m"),
            (["replay"], "receive-message"),
        ]
    )
    func help(verb: [String], words: String) async throws {
        let output = try await Self.devstack(verb + ["--help"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains(words), "\(output.stdout)")
        #expect(output.stdout.contains("--endpoint"))
    }

    @Test("replay FILE puts the dump in the queue; clock advance moves the clock; bad input exits non-zero")
    func replayAndClockThroughTheExecutable() async throws {
        try await withLocalEmulator(virtualClock: true) { local in
            let endpoint = ["--endpoint", local.endpoint.absoluteString]
            let queue = try await local.createQueue("sentry-asana-message-queue")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("dump-\(UUID()).json")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(
                #"{"Messages":[{"MessageId":"orig-1","Body":"{\"action\":\"triggered\"}","Attributes":{"ApproximateReceiveCount":"10"},"MessageAttributes":{"resource":{"DataType":"String","StringValue":"event_alert"}}}]}"#
                    .utf8
            ).write(to: file)

            let replay = try await Self.devstack(["replay", file.path] + endpoint)
            #expect(replay.status == 0, "\(replay.stderr)")
            let message = try #require(try await local.receive(queue).first)
            #expect(replay.stdout.contains("as message \(message.messageID)"))
            #expect(replay.stdout.contains("ApproximateReceiveCount") && replay.stdout.contains("cannot be restored"))
            #expect(
                message.body == #"{"action":"triggered"}"#
                    && message.messageAttributes["resource"] == .string("event_alert")
            )

            let queues = try await Self.devstack(["queues", "--json"] + endpoint)
            let listed = try JSONDecoder().decode([QueueSummary].self, from: Data(queues.stdout.utf8))
            #expect(listed.map(\.name) == ["sentry-asana-message-queue"] && listed[0].inFlight == 1)

            let before = try await local.admin.clock()
            let advance = try await Self.devstack(["clock", "advance", "2m35s"] + endpoint)
            #expect(advance.status == 0 && advance.stdout.hasPrefix("advanced 155 s (2m35s)"), "\(advance.stderr)")
            #expect(try await local.admin.clock().now - before.now == 155_000)

            let badDuration = try await Self.devstack(["clock", "advance", "5x"] + endpoint)
            #expect(badDuration.status != 0 && badDuration.stderr.contains("'5x' is not a duration"))
            let badFile = try await Self.devstack(["replay", "/nonexistent/dump.json"] + endpoint)
            #expect(badFile.status != 0 && badFile.stderr.contains("/nonexistent/dump.json: cannot be read"))
            #expect(
                try await local.admin.messages(queue: "sentry-asana-message-queue").count == 1,
                "nothing more was sent"
            )
        }
        let nobody = try await Self.devstack(["status", "--endpoint", "http://127.0.0.1:1"])
        #expect(nobody.status != 0 && nobody.stderr.contains("no emulator answered"))
    }
}
