import ArgumentParser
import Foundation

/// `devstack emulator functions|invocations|kill`: the Lambda side of a running emulator, as its admin API
/// answers (JSON).
extension EmulatorCommand {
    struct Functions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "functions",
            abstract: "List functions with their instances, busy instances, invocations, errors and PIDs."
        )
        @OptionGroup var endpoint: Endpoint
        func run() async throws { try await endpoint.call("GET", "lambda/functions") }
    }

    struct Invocations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "invocations",
            abstract:
                "Show the invocation journal: source, start and end on the emulator clock, outcome, SQS message ids."
        )
        @OptionGroup var endpoint: Endpoint
        @Option(help: "Only this function's invocations.") var function: String?
        func run() async throws {
            try await endpoint.call(
                "GET",
                "lambda/invocations" + (function.map { "?function=\(Self.encode($0))" } ?? "")
            )
        }

        static func encode(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", "."])) ?? text
        }
    }

    struct Kill: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kill",
            abstract: "SIGKILL every busy instance of a function; its invocations end as crashes."
        )
        @OptionGroup var endpoint: Endpoint
        @Argument(help: "Function name.") var function: String
        func run() async throws {
            try await endpoint.call("POST", "lambda/functions/\(Invocations.encode(function))/kill")
        }
    }
}
