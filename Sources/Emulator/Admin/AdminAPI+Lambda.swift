import Foundation

/// `/_devstack/lambda/…`: the functions with their instances and counters, the invocation journal, the logs
/// (followed by sequence number) and killing the busy instances of a function.
extension AdminAPI {
    func respondLambda(_ request: EmulatorRequest, path: [String]) async -> EmulatorResponse {
        let query = LambdaAPIDispatcher.parseQuery(request.query)
        let lambda = emulator.lambda
        switch (request.method, path) {
        case ("GET", ["functions"]):
            return .json(["functions": await functionSummaries()])
        case ("GET", ["invocations"]):
            if let function = query["function"], await !exists(function) {
                return Self.error(404, "no function called \(function)")
            }
            return .json(["invocations": lambda.journal.records(function: query["function"]).map(\.json)])
        case ("GET", ["logs"]):
            if let function = query["function"], await !exists(function) {
                return Self.error(404, "no function called \(function)")
            }
            var after = 0
            if let text = query["after"] {
                guard let number = Int(text), number >= 0 else {
                    return Self.error(400, "after takes a sequence number >= 0, got '\(text)'")
                }
                after = number
            }
            let page = lambda.logs.page(function: query["function"], after: after)
            return .json([
                "events": page.entries.map { entry -> [String: Any] in
                    [
                        "seq": entry.sequence, "function": entry.event.function,
                        "time": LambdaInvocationRecord.milliseconds(entry.event.timestamp),
                        "requestId": entry.event.requestID as Any? ?? NSNull(), "message": entry.event.message,
                    ]
                },
                "next": page.next,
            ])
        case ("POST", let parts) where parts.count == 3 && parts[0] == "functions" && parts[2] == "kill":
            guard let host = try? await lambda.functions.host(named: parts[1]) else {
                return Self.error(404, "no function called \(parts[1])")
            }
            return .json(["killed": await host.killBusyInstances().map(Int.init)])
        default:
            return Self.error(404, "unknown devstack endpoint \(request.method) \(request.path)")
        }
    }

    /// Each function with its instances and Lambda's counters, as `GET /_devstack/lambda/functions` and
    /// `GET /_devstack/status` serve them.
    func functionSummaries() async -> [[String: Any]] {
        let lambda = emulator.lambda
        var functions: [[String: Any]] = []
        for host in await lambda.functions.functions {
            let status = await host.status()
            let counters = lambda.journal.counters(function: host.configuration.name)
            functions.append([
                "name": host.configuration.name, "arn": host.functionARN, "instances": status.liveInstances,
                "busy": status.busy, "invocations": counters.invocations, "errors": counters.errors,
                "pids": status.pids.map(Int.init),
            ])
        }
        return functions
    }

    private func exists(_ function: String) async -> Bool {
        (try? await emulator.lambda.functions.host(named: function)) != nil
    }
}
