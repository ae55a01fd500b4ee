import Foundation

/// Runs an outside program (python3, the AWS CLI, a built executable) to completion with a hard time limit, and
/// returns its exit status and output. The process is stopped by its PID when the limit passes.
public struct ChildProcess {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
    }

    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        timeout: TimeInterval = 120,
        workingDirectory: URL? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        let stdoutFile = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID()).out")
        let stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID()).err")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: stdoutFile)
            try? FileManager.default.removeItem(at: stderrFile)
        }
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "",
            timedOut: timedOut
        )
    }

    /// The same, for async tests: the wait happens on a thread of its own, not on Swift's cooperative pool.
    ///
    /// The synchronous `run` polls until the child exits. Called from an async test it holds one of the pool's
    /// threads for as long as the child runs, and this machine's pool has two: two such tests at once (Swift
    /// Testing runs tests in parallel) left no thread for the in-process emulator or stub the child was talking
    /// to, and both children timed out. Every async caller gets this overload.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        timeout: TimeInterval = 120,
        workingDirectory: URL? = nil
    ) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result {
                        try run(
                            executable,
                            arguments,
                            environment: environment,
                            timeout: timeout,
                            workingDirectory: workingDirectory
                        ) as Output
                    }
                )
            }
            thread.name = "ChildProcess \(executable)"
            thread.start()
        }
    }

    /// The package root, found from this source file's location, for scripts and fixtures under it.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}
