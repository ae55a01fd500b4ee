import Foundation
import Synchronization

/// Runs instances as child processes with Foundation's `Process` (which reaps them: no zombies), stdout and
/// stderr through pipes split into lines. On Linux each instance is started through `setpriv --pdeathsig KILL`
/// (which then execs the bootstrap: same PID) from one long-lived thread, so the kernel kills every instance
/// when the emulator dies, even by `kill -9`: no orphan keeps running a half-done invocation.
package struct ChildProcessLauncher: LambdaProcessLauncher {
    /// `setpriv` of util-linux, when this system has it.
    static let setpriv: String? = ["/usr/bin/setpriv", "/bin/setpriv"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    package init() {}

    package func launch(
        executable: String,
        environment: [String: String],
        output: @escaping @Sendable (String) -> Void,
        exited: @escaping @Sendable (String) -> Void
    ) throws -> any LambdaProcessHandle {
        let process = Process()
        if let setpriv = Self.setpriv {
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = ["--pdeathsig", "KILL", "--", executable]
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = []
        }
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: executable).deletingLastPathComponent()
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let stdoutLines = LineSplitter(output)
        let stderrLines = LineSplitter(output)
        // Each pipe is read by a thread of its own (InstanceOutputReader), which the host can drain on demand.
        let drained = DispatchGroup()
        let readers = [
            InstanceOutputReader(handle: stdout.fileHandleForReading, lines: stdoutLines),
            InstanceOutputReader(handle: stderr.fileHandleForReading, lines: stderrLines),
        ]
        process.terminationHandler = { finished in
            // Report the exit after the last lines: wait (bounded: a grandchild may hold the pipe open) for both
            // readers to reach end of file.
            _ = drained.wait(timeout: .now() + .seconds(2))
            exited(Self.describe(reason: finished.terminationReason, status: finished.terminationStatus))
        }
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw LambdaHostError(.launchFailed, detail: "\(executable): not an executable file")
        }
        // Entered before the start, so an instance that exits at once still waits for its readers.
        for _ in readers { drained.enter() }
        do {
            try LaunchThread.shared.run { try process.run() }
        } catch {
            for _ in readers { drained.leave() }
            throw LambdaHostError(.launchFailed, detail: "\(executable): \(error)")
        }
        for reader in readers { reader.start { drained.leave() } }
        return ChildProcessHandle(pid: process.processIdentifier, readers: readers)
    }

    /// Lambda's (Go's) wording of a process end.
    static func describe(reason: Process.TerminationReason, status: Int32) -> String {
        switch reason {
        case .exit: return "exit status \(status)"
        case .uncaughtSignal:
            let names: [Int32: String] = [
                SIGKILL: "killed", SIGTERM: "terminated", SIGSEGV: "segmentation fault", SIGABRT: "aborted",
                SIGILL: "illegal instruction", SIGTRAP: "trace/breakpoint trap", SIGBUS: "bus error",
                SIGINT: "interrupt", SIGFPE: "floating point exception",
            ]
            return "signal: \(names[status] ?? "signal \(status)")"
        @unknown default: return "exit status \(status)"
        }
    }
}

struct ChildProcessHandle: LambdaProcessHandle {
    let pid: Int32
    let readers: [InstanceOutputReader]

    func drainOutput() {
        for reader in readers { reader.drain() }
    }

    func kill() {
        _ = Foundation.kill(pid, SIGKILL)
    }

    func maxMemoryUsedMB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first
            return kilobytes.flatMap { Int($0) }.map { max(1, ($0 + 1023) / 1024) }
        }
        return nil
    }
}

/// Turns a byte stream into lines (without the newline); a partial last line is kept until more arrives or
/// `flush`.
final class LineSplitter: Sendable {
    private let pending = Mutex(Data())
    private let emit: @Sendable (String) -> Void

    init(_ emit: @escaping @Sendable (String) -> Void) { self.emit = emit }

    func feed(_ data: Data) {
        guard !data.isEmpty else { return }
        let lines: [String] = pending.withLock { pending in
            pending.append(data)
            var lines: [String] = []
            while let newline = pending.firstIndex(of: 0x0A) {
                lines.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                pending.removeSubrange(pending.startIndex...newline)
            }
            return lines
        }
        lines.forEach(emit)
    }

    func flush() {
        let rest: Data = pending.withLock { pending in
            defer { pending = Data() }
            return pending
        }
        if !rest.isEmpty { emit(String(decoding: rest, as: UTF8.self)) }
    }
}
