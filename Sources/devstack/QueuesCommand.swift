import ArgumentParser
import Harness

/// `devstack queues`: every queue of the running emulator with its counts.
struct QueuesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queues",
        abstract: "List the emulator's queues: visible, in-flight and delayed counts, and their DLQ."
    )

    @OptionGroup var endpoint: EmulatorCommand.Endpoint
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() async throws {
        let queues = try await AdminClient(endpoint: try endpoint.endpoint).queues()
        print(json ? CLIReport.json(queues) : CLIReport.queues(queues))
    }
}
