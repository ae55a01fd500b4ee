import Foundation

/// `/_devstack/lambda/…`: the functions with their instances and counters, the invocation journal, the logs
/// (followed by sequence number) and killing the busy instances of a function.
extension AdminAPI {
    func respondLambda(_ request: EmulatorRequest, path: [String]) async -> EmulatorResponse {
        let query = LambdaAPIDispatcher.parseQuery(request.query)
        let lambda = emulator.lambda
        switch (request.method, path) {
        case ("GET", ["functions"]):
            return .json(["functions": await lambda.functionSummaries().map(\.json)])
        case ("GET", ["invocations"]):
            if let function = query["function"], await !exists(function) {
                return Self.error(404, "no function called \(function)")
            }
            var records = lambda.journal.records(function: query["function"])
            if let text = query["limit"] {
                guard let limit = Int(text), limit > 0 else {
                    return Self.error(400, "limit takes a number > 0, got '\(text)'")
                }
                records = Array(records.suffix(limit))
            }
            return .json(["invocations": records.map(\.json)])
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

    private func exists(_ function: String) async -> Bool {
        (try? await emulator.lambda.functions.host(named: function)) != nil
    }
}
