import Foundation

/// An error of the Lambda API (rest-json): the status, `x-amzn-ErrorType` and `{"Type":"User","Message":…}` that
/// the SDKs and the AWS CLI parse.
package struct LambdaAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: String, Sendable {
        case resourceNotFound = "ResourceNotFoundException"
        case invalidParameterValue = "InvalidParameterValueException"
        case invalidRequestContent = "InvalidRequestContentException"
        case requestTooLarge = "RequestTooLargeException"
        case tooManyRequests = "TooManyRequestsException"
        case resourceConflict = "ResourceConflictException"
        case service = "ServiceException"
        case missingAuthenticationToken = "MissingAuthenticationTokenException"
        case incompleteSignature = "IncompleteSignatureException"
        case unrecognizedClient = "UnrecognizedClientException"
        case invalidSignature = "InvalidSignatureException"
    }

    package var code: Code
    package var message: String
    /// `Reason` of a `TooManyRequestsException`.
    package var reason: String?

    package init(_ code: Code, _ message: String, reason: String? = nil) {
        self.code = code
        self.message = message
        self.reason = reason
    }

    package var status: Int {
        switch code {
        case .resourceNotFound: 404
        case .invalidParameterValue, .invalidRequestContent: 400
        case .requestTooLarge: 413
        case .tooManyRequests: 429
        case .resourceConflict: 409
        case .service: 500
        case .missingAuthenticationToken, .incompleteSignature, .unrecognizedClient, .invalidSignature: 403
        }
    }

    package var response: LambdaHTTPResponse {
        var object: [String: Any] = ["Type": code == .service ? "Service" : "User", "Message": message]
        if let reason { object["Reason"] = reason }
        return .json(object, status: status, headers: ["x-amzn-ErrorType": code.rawValue])
    }

    package var description: String { "\(code.rawValue): \(message)" }

    static func functionNotFound(_ arn: String) -> LambdaAPIError {
        LambdaAPIError(.resourceNotFound, "Function not found: \(arn)")
    }
}
