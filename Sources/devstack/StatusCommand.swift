import ArgumentParser
import Harness

/// `devstack status`: functions, queue depths, in-flight messages and alarm states at a glance.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show functions, queue depths, in-flight messages and alarm states."
    )

    @OptionGroup var endpoint: EmulatorCommand.Endpoint
    @Flag(help: "Print JSON instead of tables.") var json = false

    func run() async throws {
        let snapshot = try await StatusSnapshot.read(AdminClient(endpoint: try endpoint.endpoint))
        if json {
            print(CLIReport.json(snapshot))
        } else {
            print(snapshot.render())
        }
    }
}
