import Foundation
import TestSupport
import Testing

/// `kill -9` in the middle of a concurrent load, restart on the same SQLite file: nothing acknowledged is lost
/// or duplicated, no acknowledged delete comes back. Runs the built `devstack` executable as a child process
/// (the script starts and kills it by PID).
@Suite struct CrashRecoveryTests {
    static let devstack = ChildProcess.packageRoot.appendingPathComponent(".build/debug/devstack").path

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: devstack)))
    func killNineLosesNothingAcknowledged() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = ChildProcess.packageRoot.appendingPathComponent("Tests/EmulatorTests/Interop/crash_recovery.py")
            .path
        let output = try await ChildProcess.run("python3", [script, Self.devstack, directory.path], timeout: 180)
        #expect(!output.timedOut)
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.hasPrefix("OK "))
    }
}
