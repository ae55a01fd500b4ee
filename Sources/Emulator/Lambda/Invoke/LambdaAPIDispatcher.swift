import Foundation

/// The Lambda API (rest-json, `/2015-03-31/…`) over the emulator's request type: the one call the server's
/// `respond` makes for a path that is Lambda's. Answers `nil` for any other path.
package struct LambdaAPIDispatcher: Sendable {
    package let functions: LambdaFunctionRegistry
    package let mappings: SQSEventSourceMappingRegistry?

    package init(functions: LambdaFunctionRegistry, mappings: SQSEventSourceMappingRegistry? = nil) {
        self.functions = functions
        self.mappings = mappings
    }

    /// Whether `path` belongs to the Lambda API.
    package static func handles(path: String) -> Bool { path.hasPrefix("/2015-03-31/") }

    package func respond(_ request: EmulatorRequest) async -> EmulatorResponse? {
        guard Self.handles(path: request.path) else { return nil }
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: true).dropFirst()
            .map { $0.removingPercentEncoding ?? String($0) }
        let query = Self.parseQuery(request.query)
        let answer: LambdaHTTPResponse
        switch (request.method, parts.first, parts.count) {
        case ("POST", "functions", 3) where parts[2] == "invocations":
            var headers: [String: String] = [:]
            for header in request.headers { headers[header.name] = header.value }
            answer = await LambdaInvokeAPI.invoke(
                LambdaInvokeRequest(
                    functionName: parts[1],
                    query: query,
                    headers: headers,
                    payload: Data(request.body)
                ),
                registry: functions
            )
        case ("GET", "functions", 1):
            answer = await listFunctions(query)
        case ("GET", "functions", 2):
            answer = await describe(parts[1], query: query, configurationOnly: false)
        case ("GET", "functions", 3) where parts[2] == "configuration":
            answer = await describe(parts[1], query: query, configurationOnly: true)
        case (_, "event-source-mappings", _) where mappings != nil:
            answer = await eventSourceMappings(request, parts: parts, query: query)
        default:
            answer = LambdaAPIError(.resourceNotFound, "Unknown operation \(request.method) \(request.path)").response
        }
        return answer.asEmulatorResponse
    }

    private func listFunctions(_ query: [String: String]) async -> LambdaHTTPResponse {
        var all: [(LambdaFunctionConfiguration, Date)] = []
        for host in await functions.functions {
            all.append((host.configuration, await functions.lastModified(host.configuration.name)))
        }
        return .json(
            LambdaFunctionShapes.listFunctions(
                all,
                marker: query["Marker"],
                maxItems: query["MaxItems"].flatMap { Int($0) }
            )
        )
    }

    private func describe(_ name: String, query: [String: String], configurationOnly: Bool) async -> LambdaHTTPResponse
    {
        do {
            let host = try await functions.host(named: name, qualifier: query["Qualifier"])
            let modified = await functions.lastModified(host.configuration.name)
            return .json(
                configurationOnly
                    ? LambdaFunctionShapes.configuration(host.configuration, lastModified: modified)
                    : LambdaFunctionShapes.getFunction(host.configuration, lastModified: modified)
            )
        } catch {
            return error.response
        }
    }

    private func eventSourceMappings(
        _ request: EmulatorRequest,
        parts: [String],
        query: [String: String]
    ) async
        -> LambdaHTTPResponse
    {
        guard let mappings else { return LambdaAPIError(.resourceNotFound, "No event source mappings.").response }
        do {
            switch (request.method, parts.count) {
            case ("GET", 1):
                return await mappings.list(
                    functionName: query["FunctionName"],
                    eventSourceARN: query["EventSourceArn"],
                    marker: query["Marker"],
                    maxItems: query["MaxItems"].flatMap { Int($0) }
                )
            case ("POST", 1):
                let body = try Self.jsonObject(request.body)
                guard let arn = body["EventSourceArn"] as? String, let function = body["FunctionName"] as? String else {
                    throw LambdaAPIError(.invalidParameterValue, "EventSourceArn and FunctionName are required.")
                }
                return try await mappings.create(
                    SQSEventSourceMappingSettings(
                        functionName: function,
                        eventSourceARN: arn,
                        batchSize: body["BatchSize"] as? Int ?? 10,
                        maximumBatchingWindowInSeconds: body["MaximumBatchingWindowInSeconds"] as? Int ?? 0,
                        reportBatchItemFailures: (body["FunctionResponseTypes"] as? [String] ?? []).contains(
                            "ReportBatchItemFailures"
                        ),
                        maximumConcurrency: (body["ScalingConfig"] as? [String: Any])?["MaximumConcurrency"] as? Int,
                        enabled: body["Enabled"] as? Bool ?? true
                    )
                )
            case ("GET", 2):
                return try await mappings.get(parts[1])
            case ("PUT", 2):
                let body = try Self.jsonObject(request.body)
                var concurrency: Int??
                if let scaling = body["ScalingConfig"] as? [String: Any] {
                    concurrency = .some(scaling["MaximumConcurrency"] as? Int)
                }
                return try await mappings.update(
                    parts[1],
                    enabled: body["Enabled"] as? Bool,
                    batchSize: body["BatchSize"] as? Int,
                    window: body["MaximumBatchingWindowInSeconds"] as? Int,
                    functionResponseTypes: body["FunctionResponseTypes"] as? [String],
                    maximumConcurrency: concurrency,
                    functionName: body["FunctionName"] as? String
                )
            case ("DELETE", 2):
                return try await mappings.delete(parts[1])
            default:
                throw LambdaAPIError(.resourceNotFound, "Unknown operation \(request.method) \(request.path)")
            }
        } catch let error as LambdaAPIError {
            return error.response
        } catch {
            return LambdaAPIError(.service, "\(error)").response
        }
    }

    static func jsonObject(_ body: [UInt8]) throws(LambdaAPIError) -> [String: Any] {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw LambdaAPIError(.invalidRequestContent, "Could not parse request body into json.")
        }
        return object
    }

    static func parseQuery(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            guard let key = pieces.first else { continue }
            result[decode(key)] = pieces.count > 1 ? decode(pieces[1]) : ""
        }
        return result
    }
}
