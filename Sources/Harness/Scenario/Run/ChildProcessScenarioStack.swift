import Foundation
import Logging
import Stubs
import Synchronization
import Topology
import Yams

/// The stubs in this process and the emulator as a child process —
/// `devstack emulator --stack FILE --state FILE --json --var asana_url=… --var sentry_url=…` — so that a scenario
/// can `kill -9` it and start it again on the same state file and the same ports. Stopped by its PID.
final class ChildProcessScenarioStack: ScenarioStackHandle {
    struct Running: Sendable {
        var pid: Int32
        var awsEndpoint: URL
        var webhookURL: URL
    }

    let stubs: StubStack
    let stack: StackTopology
    private let stubsTask: Task<Void, any Error>
    private let arguments: [String]
    private let executable: String
    private let folder: URL
    private let state: Mutex<Running?>
    private let processes = Mutex<[Int32: ProcessBox]>([:])

    private init(
        stubs: StubStack,
        stack: StackTopology,
        stubsTask: Task<Void, any Error>,
        executable: String,
        arguments: [String],
        folder: URL
    ) {
        self.stubs = stubs
        self.stack = stack
        self.stubsTask = stubsTask
        self.executable = executable
        self.arguments = arguments
        self.folder = folder
        self.state = Mutex(nil)
    }

    static func start(
        scenario: Scenario,
        settings: ScenarioRunner.Settings,
        fixtures: String,
        logger: Logger
    ) async throws -> ChildProcessScenarioStack {
        var stack = try StackTopology.load(from: settings.stackPath)
        scenario.stack.apply(to: &stack)
        try stack.validate(source: settings.stackPath)
        let secrets = try LocalPipeline.secretValues(stack)
        let stubs = try StubStack(
            seed: URL(fileURLWithPath: fixtures),
            asanaToken: secrets["ASANA_PAT"] ?? StubDefaults.asanaToken,
            sentryToken: secrets["SENTRY_PAT"] ?? StubDefaults.sentryToken,
            sentryRateLimit: 1_000
        )
        let (ready, continuation) = AsyncStream<(URL, URL)>.makeStream()
        let stubsTask = Task {
            defer { continuation.finish() }
            try await stubs.run(host: "127.0.0.1", asanaPort: 0, sentryPort: 0) { continuation.yield(($0, $1)) }
        }
        var urls: (URL, URL)?
        for await pair in ready {
            urls = pair
            break
        }
        guard let (asana, sentry) = urls else {
            stubsTask.cancel()
            throw ScenarioRunError("the Asana and Sentry stubs did not start")
        }
        // The adjusted stack in the scenario's own folder; {{repo}} stays the original's repository.
        let original = URL(fileURLWithPath: settings.stackPath).standardizedFileURL
        let repository = original.deletingLastPathComponent().deletingLastPathComponent().path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stackFile: String
        if scenario.stack.isEmpty {
            stackFile = original.path
        } else {
            stackFile = folder.appendingPathComponent("stack.yaml").path
            try YAMLEncoder().encode(stack).write(toFile: stackFile, atomically: true, encoding: .utf8)
        }
        var arguments = [
            "emulator", "--stack", stackFile, "--state", folder.appendingPathComponent("emulator.sqlite").path,
            "--json",
            "--products", settings.productsFolder, "--port", "0", "--webhook-port", "0",
            "--var", "asana_url=\(asana.appendingPathComponent("api/1.0").absoluteString)",
            "--var", "sentry_url=\(sentry.absoluteString)", "--var", "repo=\(repository)",
        ]
        if scenario.clock == .virtual { arguments.append("--virtual-clock") }
        let handle = ChildProcessScenarioStack(
            stubs: stubs,
            stack: stack,
            stubsTask: stubsTask,
            executable: "\(settings.productsFolder)/devstack",
            arguments: arguments,
            folder: folder
        )
        do {
            try await handle.launch(arguments)
        } catch {
            await handle.shutdown()
            throw error
        }
        return handle
    }

    var awsEndpoint: URL { state.withLock { $0?.awsEndpoint } ?? URL(string: "http://127.0.0.1:9")! }
    var webhookURL: URL { state.withLock { $0?.webhookURL } ?? URL(string: "http://127.0.0.1:9")! }

    /// Starts the emulator and waits (bounded) for its one JSON line.
    private func launch(_ arguments: [String]) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = folder.appendingPathComponent("emulator-\(UUID().uuidString.prefix(8)).out")
        let errors = folder.appendingPathComponent("emulator.err")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        if !FileManager.default.fileExists(atPath: errors.path) {
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        }
        process.standardOutput = try FileHandle(forWritingTo: output)
        let errorHandle = try FileHandle(forWritingTo: errors)
        errorHandle.seekToEndOfFile()
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        processes.withLock { $0[pid] = ProcessBox(process) }
        let clock = ContinuousClock()
        let began = clock.now
        while clock.now - began < .seconds(60) {
            if let line = (try? String(contentsOf: output, encoding: .utf8))?.split(separator: "\n").first,
                let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                let aws = (object["aws_endpoint"] as? String).flatMap(URL.init(string:)),
                let webhook = (object["webhook_url"] as? String).flatMap(URL.init(string:))
            {
                state.withLock { $0 = Running(pid: pid, awsEndpoint: aws, webhookURL: webhook) }
                return
            }
            guard process.isRunning else {
                let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
                throw ScenarioRunError(
                    "devstack emulator exited with status \(process.terminationStatus) before it was ready: \(text.suffix(800))"
                )
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        stop(pid: pid, signal: SIGKILL)
        throw ScenarioRunError("devstack emulator printed no ready line within 60 s")
    }

    func killEmulator() async throws {
        guard let running = state.withLock({ $0 }) else { throw ScenarioRunError("the emulator is not running") }
        stop(pid: running.pid, signal: SIGKILL)
    }

    /// Same state file, same AWS and webhook ports.
    func restartEmulator() async throws {
        guard let running = state.withLock({ $0 }) else { throw ScenarioRunError("the emulator never ran") }
        guard processes.withLock({ $0[running.pid] }) == nil else {
            throw ScenarioRunError("the emulator is still running; kill it first")
        }
        var arguments = self.arguments
        if let index = arguments.firstIndex(of: "--port") {
            arguments[index + 1] = String(running.awsEndpoint.port ?? 0)
        }
        if let index = arguments.firstIndex(of: "--webhook-port") {
            arguments[index + 1] = String(running.webhookURL.port ?? 0)
        }
        try await launch(arguments)
    }

    /// Sends `signal` to the process and reaps it (SIGKILL after 5 s if it is still there).
    private func stop(pid: Int32, signal: Int32) {
        guard let process = processes.withLock({ $0.removeValue(forKey: pid) })?.process else { return }
        if process.isRunning { kill(pid, signal) }
        let end = Date().addingTimeInterval(5)
        while process.isRunning && Date() < end { usleep(10_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    func shutdown() async {
        for pid in processes.withLock({ Array($0.keys) }) { stop(pid: pid, signal: SIGTERM) }
        stubsTask.cancel()
        _ = await stubsTask.result
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A `Process` kept under a lock: only its PID, its state and `waitUntilExit` are used across tasks. (Foundation
/// declares `Process` Sendable, so the box needs no unchecked conformance.)
final class ProcessBox: Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
}
