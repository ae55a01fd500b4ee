import Foundation
import TestSupport
import Testing

@testable import Harness

/// The flag-free verbs run as a person runs them, from a folder whose `.devstack` holds no live stack: each says
/// clearly that nothing is running (and, for a file left by a killed stack, which PID it named), and an explicit
/// flag still wins over the file.
@Suite("devstack verbs without a running stack")
struct StaleStackCLITests {
    static func devstack(_ arguments: [String], in folder: URL) async throws -> ChildProcess.Output {
        try await ChildProcess.run(
            DevstackCLITests.executable,
            arguments,
            environment: ["DEVSTACK_STATE": ""],
            timeout: 60,
            workingDirectory: folder
        )
    }

    @Test(
        "each verb says no devstack up is running: no file, then a stale one from a dead PID",
        arguments: [
            ["status"], ["queues"], ["dlq", "list"], ["logs"], ["calls", "asana"], ["clock"],
            ["send", "event.json"],
        ]
    )
    func noStack(verb: [String]) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cwd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"data":{}}"#.utf8).write(to: folder.appendingPathComponent("event.json"))

        let none = try await Self.devstack(verb, in: folder)
        #expect(none.status != 0)
        #expect(
            none.stderr.contains(
                "no devstack up is running (no .devstack/endpoints.json); start one with `swift run devstack up`"
            ),
            "\(none.stderr)"
        )

        let pid = try EndpointsFileTests.deadPID()
        try EndpointsFileTests.sample(pid: pid).write(in: folder.appendingPathComponent(".devstack").path)
        let stale = try await Self.devstack(verb, in: folder)
        #expect(stale.status != 0)
        #expect(
            stale.stderr.contains(
                "no devstack up is running (stale .devstack/endpoints.json from PID \(pid)); start one with `swift run devstack up`"
            ),
            "\(stale.stderr)"
        )
    }

    @Test("--endpoint wins over a stale endpoints file")
    func flagWins() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cwd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try EndpointsFileTests.sample(pid: try EndpointsFileTests.deadPID())
            .write(in: folder.appendingPathComponent(".devstack").path)
        try await withLocalEmulator { local in
            _ = try await local.createQueue("flag-wins")
            let queues = try await Self.devstack(["queues", "--endpoint", local.endpoint.absoluteString], in: folder)
            #expect(queues.status == 0, "\(queues.stderr)")
            #expect(queues.stdout.hasPrefix("QUEUE") && queues.stdout.contains("flag-wins"), "\(queues.stdout)")
        }
    }
}
