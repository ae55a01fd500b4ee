import AWSClient
import Foundation

/// The emulator's `/_devstack/…` control API over HTTP — the only way the scenario runner looks at the emulator,
/// in-process or a child process alike.
package struct DevstackAdminClient: Sendable {
    package var endpoint: URL
    let transport: any HTTPTransport

    package init(endpoint: URL, transport: any HTTPTransport) {
        self.endpoint = endpoint
        self.transport = transport
    }

    /// An answer that is not 2xx, or not the JSON expected.
    package struct Failure: Error, CustomStringConvertible, Sendable {
        package var path: String
        package var status: Int?
        package var message: String
        package var description: String {
            "\(path): \(status.map { "HTTP \($0): " } ?? "")\(message)"
        }
        /// The endpoint does not exist in this emulator (an older build).
        package var isMissingEndpoint: Bool { status == 404 && message.contains("unknown devstack endpoint") }
    }

    package func get(_ path: String, query: [String: String] = [:]) async throws -> [String: Any] {
        try await call("GET", path, query: query, body: nil)
    }

    package func post(_ path: String, _ body: [String: Any] = [:]) async throws -> [String: Any] {
        try await call("POST", path, query: [:], body: body)
    }

    func call(_ method: String, _ path: String, query: [String: String], body: [String: Any]?) async throws
        -> [String: Any]
    {
        var components = URLComponents(url: endpoint.appendingPathComponent("_devstack/\(path)"), resolvingAgainstBaseURL: false)!
        if !query.isEmpty { components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) } }
        let bytes = try body.map { Array(try JSONSerialization.data(withJSONObject: $0)) } ?? []
        let response: AWSHTTPResponse
        do {
            response = try await transport.send(
                AWSHTTPRequest(
                    method: method, url: components.url!, headers: bytes.isEmpty ? [] : [("Content-Type", "application/json")],
                    body: bytes),
                timeout: .seconds(10))
        } catch {
            throw Failure(path: path, status: nil, message: "no answer: \(error)")
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        guard (200..<300).contains(response.status) else {
            throw Failure(
                path: path, status: response.status,
                message: (object?["error"] as? String) ?? String(decoding: response.body.prefix(300), as: UTF8.self))
        }
        guard let object else { throw Failure(path: path, status: response.status, message: "the answer is not a JSON object") }
        return object
    }

    // MARK: Typed views

    package struct QueueState: Sendable {
        package var visible: Int
        package var inFlight: Int
        package var delayed: Int
        package var messages: [Message]
    }

    package struct Message: Sendable {
        package var messageID: String
        package var receiveCount: Int
        package var state: String
        package var attributes: [String: String]
    }

    package func queue(_ name: String) async throws -> QueueState {
        let summary = try await get("sqs/queues/\(name)")
        let list = try await get("sqs/queues/\(name)/messages")["messages"] as? [[String: Any]] ?? []
        return QueueState(
            visible: Self.int(summary["visible"]), inFlight: Self.int(summary["inFlight"]),
            delayed: Self.int(summary["delayed"]),
            messages: list.map { item in
                let attributes = (item["messageAttributes"] as? [String: [String: Any]] ?? [:]).compactMapValues {
                    $0["stringValue"] as? String
                }
                return Message(
                    messageID: item["messageId"] as? String ?? "", receiveCount: Self.int(item["receiveCount"]),
                    state: item["state"] as? String ?? "", attributes: attributes)
            })
    }

    package func queueNames() async throws -> [String] {
        (try await get("sqs/queues")["queues"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    package struct FunctionState: Sendable {
        package var name: String
        package var busy: Int
        package var invocations: Int
        package var errors: Int
        /// The PIDs of the function's live instances.
        package var pids: [Int] = []
    }

    package func functions() async throws -> [FunctionState] {
        (try await get("lambda/functions")["functions"] as? [[String: Any]] ?? []).map {
            FunctionState(
                name: $0["name"] as? String ?? "", busy: Self.int($0["busy"]), invocations: Self.int($0["invocations"]),
                errors: Self.int($0["errors"]), pids: ($0["pids"] as? [Any] ?? []).map { Self.int($0) })
        }
    }

    package struct Invocation: Sendable {
        package var requestID: String
        package var source: String
        package var outcome: String
        package var messageIDs: [String]
        package var errorType: String?
        package var errorMessage: String?
    }

    /// The invocation journal of one function, or of every function.
    package func invocations(function: String?) async throws -> [Invocation] {
        let query = function.map { ["function": $0] } ?? [:]
        return (try await get("lambda/invocations", query: query)["invocations"] as? [[String: Any]] ?? []).map {
            Invocation(
                requestID: $0["requestId"] as? String ?? "", source: $0["source"] as? String ?? "",
                outcome: $0["outcome"] as? String ?? "", messageIDs: $0["messageIds"] as? [String] ?? [],
                errorType: $0["errorType"] as? String, errorMessage: $0["errorMessage"] as? String)
        }
    }

    /// Every captured line of the function, page by page (bounded).
    package func logLines(function: String) async throws -> [String] {
        var lines: [String] = []
        var after = 0
        for _ in 0..<1_000 {
            let page = try await get("lambda/logs", query: ["function": function, "after": String(after)])
            let events = page["events"] as? [[String: Any]] ?? []
            lines += events.compactMap { $0["message"] as? String }
            let next = Self.int(page["next"])
            if events.isEmpty || next <= after { break }
            after = next
        }
        return lines
    }

    package func kill(function: String) async throws -> [Int] {
        (try await post("lambda/functions/\(function)/kill")["killed"] as? [Any] ?? []).map { Self.int($0) }
    }

    package func alarms() async throws -> [(name: String, state: String, reason: String)] {
        (try await get("alarms")["alarms"] as? [[String: Any]] ?? []).map {
            ($0["name"] as? String ?? "", $0["state"] as? String ?? "", $0["reason"] as? String ?? "")
        }
    }

    /// Advances the virtual clock; returns its new time (ms since the epoch).
    @discardableResult
    package func advanceClock(seconds: Double) async throws -> Int64 {
        Int64(Self.int(try await post("clock", ["advance": seconds])["now"]))
    }

    package func health() async throws -> [String: Any] { try await get("health") }

    static func int(_ value: Any?) -> Int {
        switch value {
        case let number as Int: number
        case let number as NSNumber: number.intValue
        case let number as Double: Int(number)
        case let text as String: Int(text) ?? 0
        default: 0
        }
    }
}
