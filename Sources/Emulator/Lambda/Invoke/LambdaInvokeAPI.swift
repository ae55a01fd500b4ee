import Foundation

/// Lambda's Invoke operation over the registry: synchronous (`RequestResponse`), asynchronous (`Event`, retried
/// twice after a function error) and `DryRun`, with Lambda's headers and errors.
package enum LambdaInvokeAPI {
    package static func invoke(
        _ request: LambdaInvokeRequest,
        registry: LambdaFunctionRegistry
    ) async
        -> LambdaHTTPResponse
    {
        do {
            return try await perform(request, registry: registry)
        } catch {
            return error.response
        }
    }

    static func perform(
        _ request: LambdaInvokeRequest,
        registry: LambdaFunctionRegistry
    ) async throws(LambdaAPIError)
        -> LambdaHTTPResponse
    {
        let host = try await registry.host(named: request.functionName, qualifier: request.qualifier)
        let type = request.invocationType ?? "RequestResponse"
        guard ["RequestResponse", "Event", "DryRun"].contains(type) else {
            throw LambdaAPIError(
                .invalidParameterValue,
                "1 validation error detected: Value '\(type)' at 'invocationType' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [Event, RequestResponse, DryRun]"
            )
        }
        let logType = request.logType ?? "None"
        guard ["None", "Tail"].contains(logType) else {
            throw LambdaAPIError(
                .invalidParameterValue,
                "1 validation error detected: Value '\(logType)' at 'logType' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [None, Tail]"
            )
        }
        let limit = type == "Event" ? LambdaLimits.eventPayload : LambdaLimits.requestPayload
        guard request.payload.count <= limit else {
            throw LambdaAPIError(
                .requestTooLarge,
                "Request must be smaller than \(limit) bytes for the InvokeFunction operation"
            )
        }
        let payload = request.payload.isEmpty ? Data("{}".utf8) : request.payload
        guard (try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed])) != nil else {
            throw LambdaAPIError(
                .invalidRequestContent,
                "Could not parse request body into json: Unexpected character in the payload"
            )
        }
        let clientContext = try decodeClientContext(request.clientContext)
        let invocation = LambdaInvocation(
            payload: payload,
            clientContext: clientContext,
            source: type == "Event" ? .event : .invoke
        )
        var headers = ["x-amzn-RequestId": invocation.requestID]
        switch type {
        case "DryRun":
            return LambdaHTTPResponse(status: 204, headers: headers)
        case "Event":
            await host.invokeAsynchronously(invocation)
            return LambdaHTTPResponse(status: 202, headers: headers)
        default:
            break
        }
        switch await host.invoke(invocation) {
        case .throttled:
            throw LambdaAPIError(
                .tooManyRequests,
                "Rate Exceeded.",
                reason: "ReservedFunctionConcurrentInvocationLimitExceeded"
            )
        case .shutDown:
            throw LambdaAPIError(.service, "The function's host is shut down.")
        case .completed(let outcome):
            headers["X-Amz-Executed-Version"] = "$LATEST"
            headers["Content-Type"] = "application/json"
            if !outcome.isSuccess { headers["X-Amz-Function-Error"] = "Unhandled" }
            if logType == "Tail" {
                let tail = host.logs.tail(function: host.configuration.name, requestID: invocation.requestID)
                headers["X-Amz-Log-Result"] = Data(tail.utf8).base64EncodedString()
            }
            return LambdaHTTPResponse(status: 200, headers: headers, body: outcome.payload)
        }
    }

    /// `X-Amz-Client-Context` is base64 of a JSON object of at most 3583 bytes; the runtime gets the JSON.
    static func decodeClientContext(_ header: String?) throws(LambdaAPIError) -> String? {
        guard let header, !header.isEmpty else { return nil }
        guard header.utf8.count <= 3583, let data = Data(base64Encoded: header),
            (try? JSONSerialization.jsonObject(with: data)) is [String: Any]
        else {
            throw LambdaAPIError(.invalidRequestContent, "Client context must be a valid Base64-encoded JSON object.")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
