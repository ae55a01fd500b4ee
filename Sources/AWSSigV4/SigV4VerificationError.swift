/// Why a request's signature was refused. The emulator maps each code onto the error the service gives.
public struct SigV4VerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// No `Authorization` header and no presigned query parameters.
        case missingAuthentication
        /// An `Authorization` header or credential scope that cannot be parsed.
        case incompleteSignature
        /// The access key is not one the verifier knows.
        case unknownAccessKey
        /// The signature does not match the one computed from the request.
        case signatureMismatch
        /// `X-Amz-Date` is further from now than the allowed skew.
        case requestTimeTooSkewed
        /// A presigned request past its `X-Amz-Expires`.
        case expired
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
