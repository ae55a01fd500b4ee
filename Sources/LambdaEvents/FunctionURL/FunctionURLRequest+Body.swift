import Foundation

extension FunctionURLRequest {
    /// The value of the header `name`, compared without regard to case (Lambda lower-cases names, callers
    /// need not).
    public func header(_ name: String) -> String? {
        if let value = headers[name] { return value }
        let lowered = name.lowercased()
        if let value = headers[lowered] { return value }
        return headers.first { $0.key.lowercased() == lowered }?.value
    }

    /// The body as bytes: base64-decoded when `isBase64Encoded`, the UTF-8 of `body` otherwise, empty when there
    /// is no body. A body flagged as base64 that is not valid base64 is an error, never silently empty.
    public var bodyBytes: Data {
        get throws(LambdaEventError) {
            guard let body else { return Data() }
            guard isBase64Encoded else { return Data(body.utf8) }
            guard let bytes = Data(base64Encoded: body) else {
                throw LambdaEventError(.invalidBase64, "the request body is flagged isBase64Encoded but is not base64")
            }
            return bytes
        }
    }
}
