import AWSClient
import Foundation

/// The emulator's control API (`/_devstack/…`, JSON, unsigned) for the CLI verbs, the scenario runner and the
/// tests: queues and their messages, the clock, functions, the invocation journal, kill, logs, alarms, status and
/// health, each answer decoded into a typed model (`AdminClient+Models`).
///
/// One HTTP path for all of them over the AWS clients' `HTTPTransport`, each call bounded by `timeout`.
package struct AdminClient: Sendable {
    package let endpoint: URL
    let transport: any HTTPTransport
    let timeout: Duration

    package init(endpoint: URL, transport: any HTTPTransport = URLSessionTransport(), timeout: Duration = .seconds(10))
    {
        self.endpoint = endpoint
        self.transport = transport
        self.timeout = timeout
    }

    /// Parses `--endpoint`; only `http(s)://host[:port]` is accepted.
    package init(endpoint text: String, transport: any HTTPTransport = URLSessionTransport()) throws(AdminClientError) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host != nil
        else {
            throw AdminClientError(
                .unreachable,
                "the endpoint '\(text)' is not an http:// URL such as http://127.0.0.1:4566"
            )
        }
        self.init(endpoint: url, transport: transport)
    }

    /// The raw JSON bytes of `METHOD /_devstack/PATH` (a 2xx answer), `PATH` already percent-encoded.
    package func raw(
        _ method: String,
        _ path: String,
        json body: [String: Any]? = nil
    ) async throws(AdminClientError) -> [UInt8] {
        let base =
            endpoint.absoluteString.hasSuffix("/")
            ? String(endpoint.absoluteString.dropLast()) : endpoint.absoluteString
        guard let url = URL(string: base + "/_devstack/" + path) else {
            throw AdminClientError(.failed, "cannot build a URL from \(base) and \(path)")
        }
        var headers: [(name: String, value: String)] = [("accept", "application/json")]
        var bytes: [UInt8] = []
        if let body {
            headers.append(("content-type", "application/json"))
            bytes = Array((try? JSONSerialization.data(withJSONObject: body)) ?? Data("{}".utf8))
        }
        let response: AWSHTTPResponse
        do {
            response = try await transport.send(
                AWSHTTPRequest(method: method, url: url, headers: headers, body: bytes),
                timeout: timeout
            )
        } catch {
            throw AdminClientError(
                .unreachable,
                "no emulator answered at \(base) (\(error)); start one with `devstack up` or `devstack emulator`"
            )
        }
        guard (200..<300).contains(response.status) else {
            let detail =
                ((try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any])?["error"] as? String
                ?? String(decoding: response.body.prefix(300), as: UTF8.self)
            throw AdminClientError(
                response.status == 404 ? .notFound : .failed,
                "\(method) /_devstack/\(path): HTTP \(response.status): \(detail)",
                status: response.status
            )
        }
        return response.body
    }

    /// Decodes a 2xx answer into `T`.
    package func call<T: Decodable>(
        _ method: String,
        _ path: String,
        json body: [String: Any]? = nil,
        as type: T.Type = T.self
    ) async throws(AdminClientError) -> T {
        let bytes = try await raw(method, path, json: body)
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw AdminClientError(
                .invalidResponse,
                "\(method) /_devstack/\(path) answered JSON of another shape: \(error)"
            )
        }
    }

    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", "."])) ?? text
    }

    // MARK: Queues

    package func queues() async throws(AdminClientError) -> [QueueSummary] {
        try await call("GET", "sqs/queues", as: QueueList.self).queues
    }

    package func queueNames() async throws(AdminClientError) -> [String] {
        try await queues().map(\.name)
    }

    /// One queue's counts (`GET /_devstack/sqs/queues/NAME`); an unknown queue is `.notFound`.
    package func queue(_ name: String) async throws(AdminClientError) -> QueueSummary {
        try await call("GET", "sqs/queues/\(Self.segment(name))")
    }

    package func messages(queue: String) async throws(AdminClientError) -> [QueueMessage] {
        try await call("GET", "sqs/queues/\(Self.segment(queue))/messages", as: MessageList.self).messages
    }

    /// A queue's counts and then its messages (two calls, so the two can differ by a message in motion).
    package func queueState(_ name: String) async throws(AdminClientError) -> QueueState {
        let summary = try await queue(name)
        return QueueState(summary: summary, messages: try await messages(queue: name))
    }

    // MARK: Clock

    package func clock() async throws(AdminClientError) -> ClockState {
        try await call("GET", "clock")
    }

    /// Moves a virtual clock forward; a real clock answers 409 (`.failed`).
    package func advanceClock(by seconds: Double) async throws(AdminClientError) -> ClockState {
        try await call("POST", "clock", json: ["advance": seconds])
    }

    // MARK: Lambda, alarms, status

    package func functions() async throws(AdminClientError) -> [FunctionSummary] {
        try await call("GET", "lambda/functions", as: FunctionList.self).functions
    }

    /// The invocation journal of one function (an unknown one is `.notFound`), or of every function.
    package func invocations(function: String?) async throws(AdminClientError) -> [InvocationRecord] {
        let query = function.map { "?function=\(Self.segment($0))" } ?? ""
        return try await call("GET", "lambda/invocations" + query, as: InvocationList.self).invocations
    }

    /// SIGKILLs the busy instances of a function; returns their PIDs (none when it was idle).
    package func kill(function: String) async throws(AdminClientError) -> [Int] {
        try await call("POST", "lambda/functions/\(Self.segment(function))/kill", json: [:], as: KillResult.self).killed
    }

    /// One page of a function's logs, or of every function's when `function` is nil.
    package func logs(function: String?, after: Int?) async throws(AdminClientError) -> LogPage {
        var query: [String] = []
        if let function { query.append("function=\(Self.segment(function))") }
        if let after { query.append("after=\(after)") }
        return try await call("GET", "lambda/logs" + (query.isEmpty ? "" : "?" + query.joined(separator: "&")))
    }

    /// Every event after `after` (of one function, or of all), following `next` page by page until a page is
    /// empty or `next` stops moving; at most `limit` events when given. `next` is where to go on from.
    package func allLogs(
        function: String?,
        after: Int? = nil,
        limit: Int? = nil,
        maxPages: Int = 100_000
    ) async throws(AdminClientError) -> LogPage {
        var events: [LogEvent] = []
        var cursor = after ?? 0
        for _ in 0..<maxPages {
            let asked = cursor
            let page = try await logs(function: function, after: asked)
            guard !page.events.isEmpty else { break }
            for event in page.events {
                if let limit, events.count >= limit { return LogPage(events: events, next: cursor) }
                events.append(event)
                cursor = max(cursor, event.seq)
            }
            guard page.next > asked else { break }
            cursor = max(cursor, page.next)
        }
        return LogPage(events: events, next: cursor)
    }

    /// Every captured line of a function.
    package func logLines(function: String) async throws(AdminClientError) -> [String] {
        try await allLogs(function: function).events.map(\.message)
    }

    package func alarms() async throws(AdminClientError) -> [AlarmStatus] {
        try await call("GET", "alarms", as: AlarmList.self).alarms
    }

    package func status() async throws(AdminClientError) -> StatusReport {
        try await call("GET", "status")
    }

    package func health() async throws(AdminClientError) -> HealthStatus {
        try await call("GET", "health")
    }
}
