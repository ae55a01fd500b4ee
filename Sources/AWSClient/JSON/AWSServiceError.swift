import Foundation

/// An error a service answered with (any non-2xx response whose body is an AWS JSON error).
///
/// `code` is what the SDKs report: the legacy code of the `x-amzn-query-error` header (`Code;Sender`) when the
/// service sends one (SQS does: `AWS.SimpleQueueService.NonExistentQueue`), otherwise the `__type` of the body
/// without its `namespace#` prefix. `type` is always the `__type` name (`QueueDoesNotExist`).
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: AWSErrorCode
    /// The `__type` shape name without namespace; equal to `code.rawValue` when there is no legacy code.
    public var type: String
    public var message: String
    public var statusCode: Int
    /// `x-amzn-RequestId` of the response, for AWS support and for the emulator's logs.
    public var requestID: String?
    /// `true` when the caller is at fault (4xx, or `Sender` in `x-amzn-query-error`).
    public var isSenderFault: Bool

    public init(
        code: AWSErrorCode,
        type: String? = nil,
        message: String,
        statusCode: Int,
        requestID: String? = nil,
        isSenderFault: Bool? = nil
    ) {
        self.code = code
        self.type = type ?? code.rawValue
        self.message = message
        self.statusCode = statusCode
        self.requestID = requestID
        self.isSenderFault = isSenderFault ?? (400..<500).contains(statusCode)
    }

    /// A throttling error of the standard retry mode's list (checked against both spellings of the code).
    public var isThrottling: Bool {
        AWSRetryStrategy.throttlingCodes.contains(code.rawValue) || AWSRetryStrategy.throttlingCodes.contains(type)
            || (statusCode == 429)
    }

    /// Whether the standard retry mode tries again: throttling, a transient code or a transient status.
    public var isRetryable: Bool {
        isThrottling || AWSRetryStrategy.transientStatuses.contains(statusCode)
            || AWSRetryStrategy.transientCodes.contains(code.rawValue) || AWSRetryStrategy.transientCodes.contains(type)
    }

    public var description: String {
        var text = "\(code.rawValue)"
        if type != code.rawValue { text += " (\(type))" }
        text += ": \(message) [HTTP \(statusCode)"
        if let requestID { text += ", request id \(requestID)" }
        return text + "]"
    }

    /// Builds the error of a non-2xx response. `nil` when the body is not an AWS JSON error (the caller then
    /// reports the raw status).
    static func from(_ response: AWSHTTPResponse) -> AWSServiceError? {
        let requestID = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
        var typeName: String?
        var message: String?
        if !response.body.isEmpty,
            let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        {
            typeName = (object["__type"] as? String) ?? (object["code"] as? String) ?? (object["Code"] as? String)
            message =
                (object["message"] as? String) ?? (object["Message"] as? String)
                ?? (object["errorMessage"] as? String)
        }
        // Some services put the type in a header instead (REST-JSON); accept it as a fallback.
        if typeName == nil, let header = response.header("x-amzn-ErrorType") {
            typeName = String(header.split(separator: ":", maxSplits: 1).first ?? Substring(header))
        }
        var legacy: (code: String, sender: Bool)?
        if let query = response.header("x-amzn-query-error") {
            let parts = query.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            let code = parts[0].trimmingCharacters(in: .whitespaces)
            if !code.isEmpty {
                legacy = (code, parts.count > 1 && parts[1].trimmingCharacters(in: .whitespaces) == "Sender")
            }
        }
        guard let name = typeName.map(stripNamespace) ?? legacy?.code, !name.isEmpty else { return nil }
        return AWSServiceError(
            code: AWSErrorCode(legacy?.code ?? name),
            type: name,
            message: message ?? "",
            statusCode: response.status,
            requestID: requestID,
            isSenderFault: legacy.map(\.sender)
        )
    }

    /// `com.amazonaws.sqs#QueueDoesNotExist` → `QueueDoesNotExist`; also drops a `:http://…` suffix.
    static func stripNamespace(_ type: String) -> String {
        var name = Substring(type)
        if let hash = name.lastIndex(of: "#") { name = name[name.index(after: hash)...] }
        if let colon = name.firstIndex(of: ":") { name = name[..<colon] }
        return String(name)
    }
}
