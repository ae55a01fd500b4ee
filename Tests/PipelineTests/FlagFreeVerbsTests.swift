import Foundation
import TestSupport
import Testing

/// `devstack up` and `devstack demo --keep` as child processes on free ports, and the other verbs run from the
/// same folder with no address flags: they find the stack through `.devstack/endpoints.json`. Every process is
/// stopped by its PID.
@Suite("devstack verbs that need no flags", .serialized)
struct FlagFreeVerbsTests {
    static var devstack: String { BackgroundProcess.productsFolder.appendingPathComponent("devstack").path }
    static var root: URL { ChildProcess.packageRoot }

    /// A fresh folder to run the verbs from; its `.devstack` is the state folder they default to.
    static func withFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devstack-cwd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    /// Runs a devstack verb in `folder` (`ChildProcess` waits off the test's pool).
    static func verb(
        _ arguments: [String],
        in folder: URL,
        environment: [String: String] = [:]
    ) async throws
        -> ChildProcess.Output
    {
        try await ChildProcess.run(
            devstack,
            arguments,
            environment: ["DEVSTACK_STATE": ""].merging(environment) { _, new in new },
            timeout: 60,
            workingDirectory: folder
        )
    }

    /// Starts `devstack ARGUMENTS` in the background and waits (at most `seconds`) for its endpoints file.
    static func start(_ arguments: [String], state: URL, seconds: Int) async throws -> BackgroundProcess {
        let process = try BackgroundProcess(
            executable: URL(fileURLWithPath: devstack),
            arguments: arguments,
            environment: ProcessInfo.processInfo.environment.merging(["DEVSTACK_STATE": ""]) { _, new in new }
        )
        let file = state.appendingPathComponent("endpoints.json").path
        for _ in 0..<(seconds * 10) {
            if FileManager.default.fileExists(atPath: file) || !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard FileManager.default.fileExists(atPath: file) else {
            let output = process.output
            process.stop()
            Issue.record("no \(file) after \(seconds) s; devstack \(arguments.joined(separator: " ")) said:\n\(output)")
            throw CancellationError()
        }
        return process
    }

    /// SIGTERM by PID, then the output once it has exited (at most 20 s), then `stop()` reaps and cleans up.
    static func terminate(_ process: BackgroundProcess) async throws -> (status: Int32?, output: String) {
        kill(process.pid, SIGTERM)
        for _ in 0..<200 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        let exited = !process.isRunning
        let status = exited ? process.process.terminationStatus : nil
        let output = process.output
        process.stop()
        return (status, output)
    }

    /// Polls `devstack calls asana` (at most 30 times, 0.5 s apart) until a task creation answered 201.
    static func waitForTaskCreation(in folder: URL, environment: [String: String] = [:]) async throws -> String {
        var last = ""
        for _ in 0..<30 {
            let calls = try await verb(
                ["calls", "asana", "--method", "POST", "--path", "/api/1.0/tasks"],
                in: folder,
                environment: environment
            )
            last = calls.stdout + calls.stderr
            if calls.status == 0, calls.stdout.contains("  201  ") { return last }
            try await Task.sleep(for: .milliseconds(500))
        }
        return last
    }

    @Test("against devstack up: send FILE makes a task, calls/queues/status/dlq/logs work, all with no flags")
    func againstUp() async throws {
        try await Self.withFolder { folder in
            let state = folder.appendingPathComponent(".devstack")
            let up = try await Self.start(
                [
                    "up", "--stack", Self.root.appendingPathComponent("emulator/stack.yaml").path,
                    "--fixtures", Self.root.appendingPathComponent("fixtures").path, "--in-memory",
                    "--state", state.path, "--port", "0", "--asana-port", "0", "--sentry-port", "0",
                    "--webhook-port", "0", "--products", BackgroundProcess.productsFolder.path,
                ],
                state: state,
                seconds: 60
            )
            var stopped = false
            defer { if !stopped { up.stop() } }

            let file = state.appendingPathComponent("endpoints.json").path
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let recorded = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
            )
            #expect((recorded["pid"] as? Int).map(Int32.init) == up.pid)
            let endpoints = try #require(recorded["endpoints"] as? [String: String])
            let aws = try #require(endpoints["aws_endpoint"])
            #expect(endpoints["dashboard_url"] == aws + "/_devstack/dashboard")
            #expect(up.output.contains("dashboard                        \(aws)/_devstack/dashboard"), "\(up.output)")

            let fixture = Self.root.appendingPathComponent("fixtures/webhooks/event_alert-go-dev-detections.json").path
            let send = try await Self.verb(["send", fixture], in: folder)
            #expect(send.status == 0, "\(send.stdout)\(send.stderr)")
            #expect(send.stdout.contains("attempt 1") && send.stdout.contains("→ HTTP 2"), "\(send.stdout)")
            let calls = try await Self.waitForTaskCreation(in: folder)
            #expect(calls.contains("  POST  /api/1.0/tasks?") && calls.contains("  201  "), "\(calls)")

            let queues = try await Self.verb(["queues"], in: folder)
            #expect(queues.status == 0 && queues.stdout.contains("sentry-asana-message-queue"), "\(queues.stderr)")
            let status = try await Self.verb(["status"], in: folder)
            #expect(status.status == 0 && status.stdout.contains("sentry-asana-consumer"), "\(status.stderr)")
            let dlq = try await Self.verb(["dlq", "list"], in: folder)
            #expect(dlq.status == 0, "\(dlq.stderr)")
            let logs = try await Self.verb(["logs", "sentry-asana-consumer"], in: folder)
            #expect(logs.status == 0 && logs.stdout.contains("START RequestId"), "\(logs.stdout)\(logs.stderr)")

            // A second up on the same state folder is refused while the first lives.
            let second = try await Self.verb(["up", "--state", state.path, "--in-memory"], in: folder)
            #expect(
                second.status != 0 && second.stderr.contains("PID \(up.pid)) is already running"),
                "\(second.stderr)"
            )

            let ended = try await Self.terminate(up)
            stopped = true
            #expect(ended.status == 0, "\(ended.output)")
            #expect(!FileManager.default.fileExists(atPath: file), "up removes its endpoints file when it stops")
            let after = try await Self.verb(["status"], in: folder)
            #expect(after.status != 0 && after.stderr.contains("no devstack up is running"), "\(after.stderr)")
        }
    }

    @Test("demo --keep: ten deliveries with their virtual times, then it stays up for the verbs until SIGTERM")
    func demoKeep() async throws {
        try await Self.withFolder { folder in
            let state = folder.appendingPathComponent("elsewhere")
            let demo = try await Self.start(
                [
                    "demo", "--keep", "--state", state.path,
                    "--stack", Self.root.appendingPathComponent("emulator/stack.yaml").path,
                    "--fixtures", Self.root.appendingPathComponent("fixtures").path,
                    "--products", BackgroundProcess.productsFolder.path,
                ],
                state: state,
                seconds: 300
            )
            var stopped = false
            defer { if !stopped { demo.stop() } }

            // The state folder given through DEVSTACK_STATE this time.
            let environment = ["DEVSTACK_STATE": state.path]
            let dlq = try await Self.verb(["dlq", "list"], in: folder, environment: environment)
            #expect(dlq.status == 0, "\(dlq.stderr)")
            let calls = try await Self.verb(
                ["calls", "asana", "--method", "POST", "--path", "/api/1.0/tasks"],
                in: folder,
                environment: environment
            )
            // The outage of act 3 as the Asana stub journaled it: its 503s, and the 201s around them.
            #expect(calls.status == 0 && calls.stdout.contains("  503  "), "\(calls.stdout)\(calls.stderr)")
            #expect(calls.stdout.contains("  201  "))
            let clock = try await Self.verb(["clock"], in: folder, environment: environment)
            #expect(clock.status == 0 && clock.stdout.contains("(virtual clock)"), "\(clock.stderr)")

            let ended = try await Self.terminate(demo)
            stopped = true
            #expect(ended.status == 0, "\(ended.output)")
            #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("endpoints.json").path))
            let output = ended.output
            #expect(output.contains("dashboard http://127.0.0.1:"), "\(output)")
            #expect(output.contains("/_devstack/dashboard"))
            #expect(output.contains("120 s visibility, 10 receives, 5 s batching window"))
            // Ten deliveries, each with its virtual time and the gap before it, and the spacing they came at.
            for index in 1...10 { #expect(output.contains("delivery \(index) at +"), "delivery \(index)") }
            #expect(!output.contains("delivery 11 at"))
            let gaps = output.split(separator: "\n").filter { $0.contains(" s after delivery ") }
            #expect(gaps.count == 9, "\(output)")
            #expect(output.contains("10 deliveries ") && output.contains(" apart in virtual time"))
            #expect(output.contains("Summary: 6 of 6 expectations held"))
            #expect(output.contains("The stack stays up as the demo left it"))
        }
    }
}
