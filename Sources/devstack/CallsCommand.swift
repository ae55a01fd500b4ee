import ArgumentParser
import Foundation
import Harness
import Stubs

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

struct CallsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "Show the requests a stub received (its journal), oldest first."
    )

    enum Stub: String, ExpressibleByArgument, CaseIterable { case asana, sentry }

    @Argument(help: "Which stub: asana or sentry.") var stub: Stub
    @Flag(help: "Print the journal entries as JSON.") var json = false
    @Option(help: "The stub's base URL, e.g. http://127.0.0.1:4580 (default: the running devstack up's).")
    var url: String?
    @Option(help: "Only this method.") var method: String?
    @Option(help: "Only paths matching this pattern (* one segment, ** the rest).") var path: String?
    @Option(help: "Only this status.") var status: Int?
    @Option(help: "At most this many (the newest).") var limit: Int?
    @OptionGroup var running: RunningStackOption

    func run() async throws {
        let base = try url ?? stubBase(running.find())
        var components = URLComponents(
            string: base.hasSuffix("/") ? String(base.dropLast()) + "/__admin/requests" : base + "/__admin/requests"
        )
        var items: [URLQueryItem] = []
        if let method { items.append(.init(name: "method", value: method)) }
        if let path { items.append(.init(name: "path", value: path)) }
        if let status { items.append(.init(name: "status", value: String(status))) }
        if let limit { items.append(.init(name: "limit", value: String(limit))) }
        components?.queryItems = items.isEmpty ? nil : items
        guard let requestURL = components?.url else { throw ValidationError("not a URL: \(base)") }
        let data: Data
        do {
            (data, _) = try await URLSession.shared.data(from: requestURL)
        } catch {
            throw StubsCLIError("cannot reach the \(stub.rawValue) stub at \(base): \(error.localizedDescription)")
        }
        guard let document = JSON.parse(Array(data)), let entries = document["requests"]?.array else {
            throw StubsCLIError("\(base) did not answer with a journal")
        }
        if json {
            print(JSON.array(entries).text)
            return
        }
        for entry in entries {
            let query = entry["query"]?.string ?? ""
            let fault = entry["fault"]?.string.map { " fault=\($0)" } ?? ""
            let line = [
                entry["id"]?.string ?? "", entry["time"]?.string ?? "", entry["method"]?.string ?? "",
                (entry["path"]?.string ?? "") + (query.isEmpty ? "" : "?" + query), entry["status"]?.string ?? "",
                "\(entry["latency_ms"]?.number.map { String(format: "%.1f", $0) } ?? "")ms\(fault)",
            ]
            print(line.joined(separator: "  "))
        }
        print("\(entries.count) request(s)")
    }

    /// The stub's root (scheme, host, port) from the running stack's endpoints: the Asana URL there ends in
    /// /api/1.0, and the journal is served from the root.
    func stubBase(_ stack: EndpointsFile) throws -> String {
        let recorded = stub == .asana ? stack.endpoints.asanaURL : stack.endpoints.sentryURL
        guard let parsed = URL(string: recorded), let scheme = parsed.scheme, let host = parsed.host else {
            throw StubsCLIError("the endpoints file has no usable \(stub.rawValue) URL: \(recorded)")
        }
        return "\(scheme)://\(host)" + (parsed.port.map { ":\($0)" } ?? "")
    }
}
