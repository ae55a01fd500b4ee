import Foundation
import TestSupport
import Testing

@testable import Harness

/// `<state>/endpoints.json`: written whole with mode 0600, found again, told apart from a stale one left by a
/// killed process, removed only by its owner; and the state folder's precedence.
@Suite("Endpoints file")
struct EndpointsFileTests {
    static func sample(pid: Int32 = ProcessInfo.processInfo.processIdentifier) -> EndpointsFile {
        EndpointsFile(
            pid: pid,
            command: "up",
            endpoints: LocalPipeline.Endpoints(
                webhookURL: "http://127.0.0.1:40001/",
                awsEndpoint: "http://127.0.0.1:40002",
                asanaURL: "http://127.0.0.1:40003/api/1.0",
                sentryURL: "http://127.0.0.1:40004/",
                dashboardURL: "http://127.0.0.1:40002/_devstack/dashboard"
            ),
            clientSecret: "dev-sentry-client-secret",
            virtualClock: true
        )
    }

    static func withFolder(_ body: (String) throws -> Void) rethrows {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    /// A PID that no process has any more: a child that ran and was reaped.
    static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("written with mode 0600 and no temporary file left; found again; removed by its owner only")
    func writeFindRemove() throws {
        try Self.withFolder { folder in
            try Self.sample().write(in: folder)
            let path = EndpointsFile.path(in: folder)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["endpoints.json"])
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(#""dashboard_url" : "http://127.0.0.1:40002/_devstack/dashboard""#), "\(text)")
            #expect(text.contains(#""client_secret" : "dev-sentry-client-secret""#))

            let found = try EndpointsFile.find(in: folder)
            #expect(found.pid == ProcessInfo.processInfo.processIdentifier)
            #expect(found.endpoints.webhookURL == "http://127.0.0.1:40001/" && found.clientSecret.hasPrefix("dev-"))

            EndpointsFile.remove(in: folder, pid: found.pid + 1)
            #expect(FileManager.default.fileExists(atPath: path), "another process's file stays")
            EndpointsFile.remove(in: folder)
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a file whose process is gone is stale, and the message says so with its PID")
    func stale() throws {
        try Self.withFolder { folder in
            let pid = try Self.deadPID()
            try Self.sample(pid: pid).write(in: folder)
            let error = #expect(throws: EndpointsFileError.self) { try EndpointsFile.find(in: folder) }
            #expect(error?.code == .stale && error?.pid == pid)
            #expect(
                error?.description
                    == "no devstack up is running (stale \(folder)/endpoints.json from PID \(pid)); start one with `swift run devstack up`"
            )
            // A stale file does not stop a new stack from taking the folder.
            try EndpointsFile.claim(folder)
        }
    }

    @Test("no file: no stack is running; a live other process's file: the folder is taken")
    func notRunningAndTaken() throws {
        try Self.withFolder { folder in
            let missing = #expect(throws: EndpointsFileError.self) { try EndpointsFile.find(in: folder) }
            #expect(missing?.code == .notRunning)
            #expect(missing?.description.hasPrefix("no devstack up is running (no \(folder)/endpoints.json)") == true)

            try Self.sample(pid: getppid()).write(in: folder)
            let taken = #expect(throws: EndpointsFileError.self) { try EndpointsFile.claim(folder) }
            #expect(taken?.code == .alreadyRunning && taken?.pid == getppid())

            try Data("{not json".utf8).write(to: URL(fileURLWithPath: EndpointsFile.path(in: folder)))
            let malformed = #expect(throws: EndpointsFileError.self) { try EndpointsFile.find(in: folder) }
            #expect(malformed?.code == .malformed)
        }
    }

    @Test("state folder: --state, else $DEVSTACK_STATE, else .devstack")
    func stateFolder() {
        #expect(StateFolder.resolve(option: "/a", environment: ["DEVSTACK_STATE": "/b"]) == "/a")
        #expect(StateFolder.resolve(option: nil, environment: ["DEVSTACK_STATE": "/b"]) == "/b")
        #expect(StateFolder.resolve(option: nil, environment: ["DEVSTACK_STATE": ""]) == ".devstack")
        #expect(StateFolder.resolve(option: nil, environment: [:]) == ".devstack")
    }
}
