import ArgumentParser
import Foundation
import Harness

/// `devstack logs FUNCTION [--follow]`: a function's captured output with START/END/REPORT lines.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print a function's logs (its output plus START/END/REPORT); --follow keeps polling.",
        discussion: "Without FUNCTION every function's lines are shown, each with its function's name."
    )

    @OptionGroup var endpoint: EmulatorCommand.Endpoint
    @Argument(help: "Function name, e.g. sentry-asana-consumer (default: every function).") var function: String?
    @Flag(name: .shortAndLong, help: "Keep printing new lines until Ctrl-C.") var follow = false
    @Option(help: "Only lines after this sequence number.") var after: Int?
    @Option(help: "Only lines of this request id.") var requestId: String?
    @Option(help: "How often --follow polls (e.g. 500ms, 1s).") var interval = "1s"
    @Flag(help: "Print each event as a JSON line.") var json = false
    @Option(help: "Print at most this many lines (default: every line; the emulator serves them 1,000 a page).")
    var limit: Int?

    func validate() throws {
        let seconds: Double
        do throws(DurationText.ParseError) {
            seconds = try DurationText.seconds(interval)
        } catch {
            throw ValidationError(error.description)
        }
        guard seconds > 0 else { throw ValidationError("--interval must be > 0") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let admin = try AdminClient(endpoint: try endpoint.endpoint)
        let pause = Duration.milliseconds(Int64(try DurationText.seconds(interval) * 1000))
        var cursor = after
        var printed = 0
        repeat {
            // Every page there is now (the emulator serves 1,000 lines a page), not just the first one.
            let page = try await lines(admin, after: cursor)
            for event in page.events where requestId == nil || event.requestId == requestId {
                print(json ? CLIReport.jsonLine(event) : CLIReport.logLine(event, showFunction: function == nil))
                printed += 1
                if let limit, printed >= limit { return }
            }
            cursor = page.next
            if follow { try await Task.sleep(for: pause) }
        } while follow
    }

    /// Every line after `after`; a 404 for the route itself (not for the function) means an emulator without the
    /// Lambda side.
    func lines(_ admin: AdminClient, after: Int?) async throws(AdminClientError) -> LogPage {
        do throws(AdminClientError) {
            return try await admin.allLogs(function: function, after: after)
        } catch {
            guard error.code == .notFound, error.message.contains("unknown devstack endpoint") else { throw error }
            throw AdminClientError(
                .notFound,
                "this emulator does not capture function logs (no GET /_devstack/lambda/logs); run one that hosts "
                    + "the functions: devstack up, or devstack emulator --stack emulator/stack.yaml"
            )
        }
    }
}
