import AWSClient
import Foundation
import Logging
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `devstack emulator --stack` as its own process, as the scenario runner starts it: `kill -9` of the emulator
/// leaves none of its bootstrap children running (the busy one included), and a restart on the same state file
/// serves the same queues, the same messages and the same mapping UUID.
@Suite("devstack emulator --stack: kill -9 and restart", .serialized)
struct EmulatorProcessKillTests {
    var devstack: URL { BackgroundProcess.productsFolder.appendingPathComponent("devstack") }
    var behaviours: URL { BackgroundProcess.productsFolder.appendingPathComponent("test-bootstrap-behaviours") }

    /// A queue drained by a function that sleeps on every batch (so its instance is busy when the emulator is
    /// killed), and an echo function with a URL (an idle warm instance).
    func stackYAML() -> String {
        """
        queues:
          - name: work
            attributes: {VisibilityTimeout: "60"}
        functions:
          - name: sleeper
            executable: \(behaviours.path)
            timeout: 30
            environment: {TEST_BOOTSTRAP_MODE: sleep, TEST_BOOTSTRAP_SLEEP: "600"}
          - name: idle
            executable: \(behaviours.path)
            function_url: true
            environment: {TEST_BOOTSTRAP_MODE: echo}
        event_source_mappings:
          - function: sleeper
            queue: work
            batch_size: 1
        """
    }

    struct Running {
        let process: BackgroundProcess
        let endpoint: String
        let webhook: URL
    }

    /// Starts the emulator and waits (at most 60 s) for its one JSON ready line.
    func start(stack: String, state: String) async throws -> Running {
        let process = try BackgroundProcess(
            executable: devstack,
            arguments: [
                "emulator", "--stack", stack, "--state", state, "--port", "0", "--webhook-port", "0", "--json",
            ],
            environment: ProcessInfo.processInfo.environment
        )
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: process.stdoutFile, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first, text.contains("\n") {
                let ready = try #require(
                    try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    "not JSON: \(line)"
                )
                let endpoint = try #require(ready["aws_endpoint"] as? String)
                let webhook = try #require((ready["webhook_url"] as? String).flatMap(URL.init(string:)))
                #expect(text.split(separator: "\n").count == 1, "exactly one line on stdout")
                return Running(process: process, endpoint: endpoint, webhook: webhook)
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        let output = process.output
        process.stop()
        throw TestServerError(message: "devstack emulator did not print its ready line: \(output)")
    }

    func admin(_ endpoint: String, _ path: String, method: String = "GET") async throws -> [String: Any] {
        var request = URLRequest(url: URL(string: "\(endpoint)/_devstack/\(path)")!)
        request.httpMethod = method
        let (data, _) = try await URLSession.shared.data(for: request)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func mappingUUIDs(_ endpoint: String) async throws -> [String] {
        let listed = try await ChildProcess.run(
            "aws",
            ["--endpoint-url", endpoint, "--output", "json", "lambda", "list-event-source-mappings"],
            environment: [
                "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_PAGER": "", "AWS_MAX_ATTEMPTS": "1",
            ],
            timeout: 60
        )
        let object = (try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))) as? [String: Any]
        return (object?["EventSourceMappings"] as? [[String: Any]])?.compactMap { $0["UUID"] as? String } ?? []
    }

    func messageIDs(_ endpoint: String) async throws -> [String] {
        let messages = try await admin(endpoint, "sqs/queues/work/messages")["messages"] as? [[String: Any]] ?? []
        return messages.compactMap { $0["messageId"] as? String }.sorted()
    }

    @Test("kill -9: every bootstrap child is gone within 10 s; a restart keeps queues, messages and mapping UUIDs")
    func killNineAndRestart() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: devstack.path), "build first: swift build")
        try #require(FileManager.default.isExecutableFile(atPath: behaviours.path), "build first: swift build")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let stack = folder.appendingPathComponent("stack.yaml").path
        try stackYAML().write(toFile: stack, atomically: true, encoding: .utf8)
        let state = folder.appendingPathComponent("state.sqlite").path

        let first = try await start(stack: stack, state: state)
        var pids: [Int32] = []
        let sent: [String]
        let uuids: [String]
        do {
            let sqs = SQSClient(
                configuration: try AWSConfiguration(environment: [
                    "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "us-east-1",
                    "AWS_ENDPOINT_URL": first.endpoint,
                ]),
                transport: URLSessionTransport(),
                logger: Logger(label: "test")
            )
            let queueURL = "\(first.endpoint)/000000000000/work"
            var ids: [String] = []
            for body in ["one", "two"] {
                ids.append(
                    try await sqs.sendMessage(queueURL: queueURL, body: body, deadline: AWSDeadline.after(.seconds(5)))
                        .messageID
                )
            }
            sent = ids.sorted()
            let (_, response) = try await URLSession.shared.data(from: first.webhook)
            #expect((response as? HTTPURLResponse)?.statusCode == 200, "the idle function answered through its URL")
            uuids = try await mappingUUIDs(first.endpoint)
            #expect(uuids.count == 1)

            // Wait until the sleeper holds a batch (one or two instances: the pollers may scale out) and the echo
            // instance idles.
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let functions =
                    try await admin(first.endpoint, "lambda/functions")["functions"] as? [[String: Any]] ?? []
                let sleeper = functions.first { $0["name"] as? String == "sleeper" }
                let idle = functions.first { $0["name"] as? String == "idle" }
                if (sleeper?["busy"] as? Int ?? 0) >= 1, idle?["instances"] as? Int == 1 {
                    pids = functions.flatMap { $0["pids"] as? [Int] ?? [] }.map { Int32($0) }
                    break
                }
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            try #require(pids.count >= 2, "busy sleeper instances and an idle echo instance were reported")
        } catch {
            first.process.stop()
            throw error
        }

        kill(first.process.pid, SIGKILL)
        first.process.process.waitUntilExit()
        let gone = Date().addingTimeInterval(10)
        while Date() < gone, pids.contains(where: Self.isRunning) {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        let left = pids.filter(Self.isRunning)
        for pid in left { kill(pid, SIGKILL) }  // never leave them behind, even when the test fails
        #expect(left.isEmpty, "bootstrap children still running 10 s after kill -9 of the emulator: \(left)")
        first.process.stop()

        let second = try await start(stack: stack, state: state)
        do {
            let queues = try await admin(second.endpoint, "sqs/queues")["queues"] as? [[String: Any]] ?? []
            #expect(queues.compactMap { $0["name"] as? String } == ["work"])
            #expect(try await messageIDs(second.endpoint) == sent, "the messages survived, in flight or not")
            #expect(try await mappingUUIDs(second.endpoint) == uuids, "the mapping has the same UUID")
        } catch {
            second.process.stop()
            throw error
        }
        // A graceful stop (SIGTERM) stops the children it started, too, and exits 0.
        let (_, answered) = try await URLSession.shared.data(from: second.webhook)
        #expect((answered as? HTTPURLResponse)?.statusCode == 200)
        let functions = try await admin(second.endpoint, "lambda/functions")["functions"] as? [[String: Any]] ?? []
        let secondPIDs = functions.flatMap { $0["pids"] as? [Int] ?? [] }.map { Int32($0) }
        #expect(!secondPIDs.isEmpty, "the URL request started an instance")
        kill(second.process.pid, SIGTERM)
        let stopped = Date().addingTimeInterval(15)
        while second.process.isRunning, Date() < stopped { try await Task.sleep(nanoseconds: 20_000_000) }
        let graceful = !second.process.isRunning
        second.process.stop()
        #expect(graceful, "SIGTERM stopped the emulator within 15 s")
        #expect(second.process.process.terminationReason == .exit && second.process.process.terminationStatus == 0)
        #expect(!secondPIDs.contains(where: Self.isRunning), "SIGTERM stopped its instances")
    }

    /// Whether `pid` is a live process: in `/proc` and not a zombie waiting for init to reap it.
    static func isRunning(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
        return !status.split(separator: "\n").contains { $0.hasPrefix("State:") && $0.contains("Z") }
    }
}
