import Foundation

/// A long-running child process (a Lambda bootstrap, an emulator) for the length of a test: its output goes to
/// files, and `stop()` ends it by PID — SIGTERM, then SIGKILL after a grace period — and reaps it.
public final class BackgroundProcess: @unchecked Sendable {
    public let process = Process()
    public let stdoutFile: URL
    public let stderrFile: URL

    public init(executable: URL, arguments: [String] = [], environment: [String: String]) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("bg-\(UUID().uuidString)")
        stdoutFile = base.appendingPathExtension("out")
        stderrFile = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Everything the process wrote to stdout and stderr so far.
    public var output: String {
        let out = (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        return out + err
    }

    /// Stops the process by its PID and waits for it (at most `grace` before SIGKILL).
    public func stop(grace: TimeInterval = 2) {
        if process.isRunning {
            kill(pid, SIGTERM)
            let end = Date().addingTimeInterval(grace)
            while process.isRunning && Date() < end { usleep(10_000) }
            if process.isRunning { kill(pid, SIGKILL) }
        }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: stdoutFile)
        try? FileManager.default.removeItem(at: stderrFile)
    }

    /// The folder holding this package's built executables (`producer`, `consumer`, `devstack`): the test
    /// bundle's own folder.
    public static var productsFolder: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }
}
