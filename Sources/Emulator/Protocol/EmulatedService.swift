import AWSSigV4

/// The emulated services and how each one speaks: content types, error shapes, signature errors.
package enum EmulatedService: Sendable {
    case sqs, secretsManager, sts

    /// The service name of a SigV4 credential scope for this service.
    var signingName: String {
        switch self {
        case .sqs: "sqs"
        case .secretsManager: "secretsmanager"
        case .sts: "sts"
        }
    }

    var jsonContentType: String {
        self == .sqs ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1"
    }

    /// A JSON-protocol error: `__type` and `message`; SQS (query-compatible) adds `x-amzn-query-error`.
    func jsonError(_ error: AWSError, requestID: String) -> EmulatorResponse {
        var headers: [(name: String, value: String)] = [
            ("Content-Type", jsonContentType), ("x-amzn-RequestId", requestID),
        ]
        var body: [String: Any]
        switch self {
        case .sqs:
            body = ["__type": "com.amazonaws.sqs#\(error.code)", "message": error.message]
            headers.append(("x-amzn-query-error", "\(error.queryCode);\(error.fault.rawValue)"))
        case .secretsManager, .sts:
            body = ["__type": error.code, "Message": error.message]
        }
        return EmulatorResponse(status: error.status, headers: headers, body: JSONOutput.encode(body))
    }

    /// A query-protocol error: `<ErrorResponse>`.
    func queryError(_ error: AWSError, requestID: String) -> EmulatorResponse {
        let namespace =
            self == .sts ? "https://sts.amazonaws.com/doc/2011-06-15/" : SQSQueryProtocol.namespace
        let text = SQSQueryProtocol.error(error, namespace: namespace, requestID: requestID)
        return EmulatorResponse(
            status: error.status,
            headers: [("Content-Type", "text/xml"), ("x-amzn-RequestId", requestID)],
            body: Array(text.utf8)
        )
    }

    /// The error this service answers a refused signature with.
    func authError(_ error: SigV4VerificationError) -> AWSError {
        let json = self == .secretsManager
        switch error.code {
        case .missingAuthentication:
            return AWSError(
                json ? "MissingAuthenticationTokenException" : "MissingAuthenticationToken",
                error.message,
                status: 403
            )
        case .incompleteSignature:
            return AWSError(json ? "IncompleteSignatureException" : "IncompleteSignature", error.message, status: 403)
        case .unknownAccessKey:
            return AWSError(json ? "UnrecognizedClientException" : "InvalidClientTokenId", error.message, status: 403)
        case .signatureMismatch:
            return AWSError(json ? "InvalidSignatureException" : "SignatureDoesNotMatch", error.message, status: 403)
        case .requestTimeTooSkewed:
            // What each service really answers "Signature expired: … is now earlier than …" with: SQS and STS
            // SignatureDoesNotMatch, the JSON services InvalidSignatureException.
            return AWSError(json ? "InvalidSignatureException" : "SignatureDoesNotMatch", error.message, status: 403)
        case .expired:
            return AWSError(json ? "InvalidSignatureException" : "RequestExpired", error.message, status: 403)
        }
    }
}
