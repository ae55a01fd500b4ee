import ArgumentParser
import Emulator
import Foundation
import Logging

/// `devstack emulator`: SQS, Secrets Manager and STS on one local endpoint, durable in SQLite by default.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run the AWS emulator (SQS, Secrets Manager, STS) on one local endpoint.")

    @Option(help: "Address to listen on (loopback by default).") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 lets the system choose).") var port = 4566
    @Option(help: "SQLite file holding the state (default: .devstack/emulator.sqlite).") var state: String?
    @Flag(help: "Keep everything in memory; nothing survives a restart.") var inMemory = false
    @Flag(help: "Accept unsigned or wrongly signed requests (tools that cannot sign).") var acceptAnySignature = false
    @Flag(help: "Start a virtual clock that moves only through POST /_devstack/clock.") var virtualClock = false
    @Option(help: "Account id in queue URLs and ARNs.") var accountId = "000000000000"
    @Option(help: "Region in ARNs.") var region = "us-east-1"
    @Option(help: "Accepted credentials as ACCESS_KEY:SECRET (repeatable; default test:test).")
    var credentials: [String] = []

    func validate() throws {
        if inMemory && state != nil { throw ValidationError("--state and --in-memory exclude each other") }
        for pair in credentials where !pair.contains(":") {
            throw ValidationError("--credentials takes ACCESS_KEY:SECRET, got '\(pair)'")
        }
    }

    func run() async throws {
        var logger = Logger(label: "devstack.emulator")
        logger.logLevel = .info
        var statePath: String?
        if !inMemory {
            let path = state ?? ".devstack/emulator.sqlite"
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            statePath = path
        }
        var accepted: [String: String] = [:]
        for pair in credentials {
            let parts = pair.split(separator: ":", maxSplits: 1)
            accepted[String(parts[0])] = String(parts[1])
        }
        let configuration = EmulatorConfiguration(
            host: host, port: port, statePath: statePath, acceptAnySignature: acceptAnySignature,
            virtualClock: virtualClock, accountID: accountId, region: region,
            credentials: accepted.isEmpty ? ["test": "test"] : accepted)
        let emulator = try Emulator(configuration: configuration, logger: logger)
        let server = EmulatorServer(emulator: emulator, logger: logger)
        let bound = try await server.start()
        logger.info(
            "emulator ready",
            metadata: [
                "endpoint": "http://\(host):\(bound)", "state": "\(statePath ?? "in-memory")",
                "virtualClock": "\(virtualClock)", "signatures": "\(acceptAnySignature ? "not checked" : "checked")",
            ])
        FileHandle.standardOutput.write(Data("emulator listening on http://\(host):\(bound)\n".utf8))
        await server.waitUntilStopped()
    }
}
