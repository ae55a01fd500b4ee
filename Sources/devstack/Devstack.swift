import ArgumentParser

/// `devstack`: the local harness. Each verb lives in its own file in this folder as `<Verb>Command.swift`
/// and is listed once below.
@main
struct Devstack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devstack",
        abstract: "Run the sentry-asana pipeline locally: AWS emulator, Asana and Sentry stubs, the real Lambda bootstraps.",
        subcommands: [
            VersionCommand.self,
            EmulatorCommand.self,
            StubsCommand.self,
            SendCommand.self,
            CallsCommand.self,
            DemoCommand.self,
            UpCommand.self,
            BenchCommand.self,
            QueuesCommand.self,
            DLQCommand.self,
            LogsCommand.self,
            StatusCommand.self,
            ClockCommand.self,
            ReplayCommand.self,
            ScenarioCommand.self,
        ]
    )
}
