import Foundation

/// One invocation as `/runtime/invocation/next` hands it over: the event bytes and the headers that describe it.
public struct LambdaInvocation: Sendable, Equatable {
    public var requestID: String
    public var deadlineMilliseconds: Int64
    public var invokedFunctionARN: String?
    public var traceID: String?
    public var clientContext: String?
    public var cognitoIdentity: String?
    /// `Lambda-Runtime-Aws-Tenant-Id`, for functions with tenant isolation.
    public var tenantID: String?
    public var event: Data

    public init(
        requestID: String,
        deadlineMilliseconds: Int64,
        invokedFunctionARN: String? = nil,
        traceID: String? = nil,
        clientContext: String? = nil,
        cognitoIdentity: String? = nil,
        tenantID: String? = nil,
        event: Data
    ) {
        self.requestID = requestID
        self.deadlineMilliseconds = deadlineMilliseconds
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.tenantID = tenantID
        self.event = event
    }

    public enum Header {
        public static let requestID = "Lambda-Runtime-Aws-Request-Id"
        public static let deadline = "Lambda-Runtime-Deadline-Ms"
        public static let invokedFunctionARN = "Lambda-Runtime-Invoked-Function-Arn"
        public static let traceID = "Lambda-Runtime-Trace-Id"
        public static let clientContext = "Lambda-Runtime-Client-Context"
        public static let cognitoIdentity = "Lambda-Runtime-Cognito-Identity"
        public static let tenantID = "Lambda-Runtime-Aws-Tenant-Id"
        public static let functionErrorType = "Lambda-Runtime-Function-Error-Type"
    }

    /// Reads a 200 answer of `/next`. The request id is required (without it nothing can be reported); so is a
    /// numeric deadline. `requestID` is filled in on the error when it was readable, so the caller can report the
    /// broken invocation.
    public init(response: RuntimeAPIResponse) throws(InvalidInvocation) {
        func header(_ name: String) -> String? {
            guard let value = response.header(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                return nil
            }
            return value
        }
        guard let requestID = header(Header.requestID) else {
            throw InvalidInvocation(requestID: nil, message: "the answer of /next has no \(Header.requestID)")
        }
        guard let deadlineText = header(Header.deadline), let deadline = Int64(deadlineText), deadline > 0 else {
            throw InvalidInvocation(
                requestID: requestID,
                message: "the answer of /next has no numeric \(Header.deadline)"
            )
        }
        self.init(
            requestID: requestID,
            deadlineMilliseconds: deadline,
            invokedFunctionARN: header(Header.invokedFunctionARN),
            traceID: header(Header.traceID),
            clientContext: header(Header.clientContext),
            cognitoIdentity: header(Header.cognitoIdentity),
            tenantID: header(Header.tenantID),
            event: response.body
        )
    }

    /// A `/next` answer that cannot be run.
    public struct InvalidInvocation: Error, Sendable, Equatable {
        public var requestID: String?
        public var message: String
    }
}
