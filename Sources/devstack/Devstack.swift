import ArgumentParser

/// `devstack`: the local harness. Each verb lives in its own file in this folder as `<Verb>Command.swift`
/// and is listed once below, in the order a newcomer needs them (`--help` shows that order).
@main
struct Devstack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devstack",
        abstract:
            "Run the sentry-asana pipeline locally: AWS emulator, Asana and Sentry stubs, the real Lambda bootstraps.",
        subcommands: [
            // Run the pipeline.
            DemoCommand.self,
            UpCommand.self,
            ScenarioCommand.self,
            ReplayCommand.self,
            SendCommand.self,
            // Look at it and drive it.
            StatusCommand.self,
            QueuesCommand.self,
            DLQCommand.self,
            LogsCommand.self,
            CallsCommand.self,
            ClockCommand.self,
            // Its parts alone, and measuring them.
            EmulatorCommand.self,
            StubsCommand.self,
            BenchCommand.self,
            VersionCommand.self,
        ]
    )
}
