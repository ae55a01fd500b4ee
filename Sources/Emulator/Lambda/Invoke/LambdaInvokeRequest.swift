import Foundation

/// `POST /2015-03-31/functions/{FunctionName}/invocations`, as the server's route hands it over.
package struct LambdaInvokeRequest: Sendable {
    package var functionName: String
    /// `?Qualifier=`.
    package var qualifier: String?
    /// `X-Amz-Invocation-Type`: `RequestResponse` (default), `Event` or `DryRun`.
    package var invocationType: String?
    /// `X-Amz-Log-Type`: `None` (default) or `Tail`.
    package var logType: String?
    /// `X-Amz-Client-Context`: base64 of a JSON object.
    package var clientContext: String?
    package var payload: Data

    package init(
        functionName: String,
        qualifier: String? = nil,
        invocationType: String? = nil,
        logType: String? = nil,
        clientContext: String? = nil,
        payload: Data
    ) {
        self.functionName = functionName
        self.qualifier = qualifier
        self.invocationType = invocationType
        self.logType = logType
        self.clientContext = clientContext
        self.payload = payload
    }

    /// From the route's path parameter, query and (any-case) headers.
    package init(functionName: String, query: [String: String], headers: [String: String], payload: Data) {
        let lower = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.init(
            functionName: functionName,
            qualifier: query["Qualifier"],
            invocationType: lower["x-amz-invocation-type"],
            logType: lower["x-amz-log-type"],
            clientContext: lower["x-amz-client-context"],
            payload: payload
        )
    }
}
