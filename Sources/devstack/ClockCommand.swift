import ArgumentParser
import Harness

/// `devstack clock` / `devstack clock advance DURATION`: the emulator's clock, and moving a virtual one.
struct ClockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clock",
        abstract: "Show the emulator's clock, or move a virtual clock forward (visibility timeouts, delays, alarms).",
        subcommands: [Show.self, Advance.self],
        defaultSubcommand: Show.self
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the clock (the default).")
        @OptionGroup var endpoint: EmulatorCommand.Endpoint
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let clock = try await AdminClient(endpoint: try endpoint.endpoint).clock()
            print(json ? CLIReport.json(clock) : "\(clock.iso8601) (\(clock.virtual ? "virtual" : "real") clock)")
        }
    }

    struct Advance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "advance",
            abstract: "Move a virtual clock forward.",
            discussion: "DURATION is seconds (155) or units largest first: 90s, 2m, 1h30m, 250ms, 1d."
        )
        @OptionGroup var endpoint: EmulatorCommand.Endpoint
        @Argument(help: "How far: 155, 90s, 2m, 1h30m.") var duration: String
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            do throws(DurationText.ParseError) {
                _ = try DurationText.seconds(duration)
            } catch {
                throw ValidationError(error.description)
            }
        }

        func run() async throws {
            let seconds = try DurationText.seconds(duration)
            let admin = try AdminClient(endpoint: try endpoint.endpoint)
            // A real clock answers 409 with the emulator's own hint (start it with --virtual-clock).
            let clock = try await admin.advanceClock(by: seconds)
            print(json ? CLIReport.json(clock) : "advanced \(DurationText.describe(seconds)); now \(clock.iso8601)")
        }
    }
}
