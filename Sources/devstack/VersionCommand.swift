import ArgumentParser

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the harness version.")

    func run() throws {
        print("devstack 0.1.0")
    }
}
