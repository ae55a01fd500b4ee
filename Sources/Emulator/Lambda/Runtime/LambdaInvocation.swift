import Foundation

/// One request to run a function, as the Runtime API hands it to a bootstrap.
package struct LambdaInvocation: Sendable, Equatable {
    /// `Lambda-Runtime-Aws-Request-Id`.
    package var requestID: String
    package var payload: Data
    /// `Lambda-Runtime-Trace-Id`.
    package var traceID: String
    /// `Lambda-Runtime-Client-Context`, only when the invoker sent one (JSON as a string).
    package var clientContext: String?
    /// `Lambda-Runtime-Cognito-Identity`, only when the invoker had one (JSON as a string).
    package var cognitoIdentity: String?
    /// Who asked for it (the invocation journal's `source`).
    package var source: LambdaInvocationSource
    /// The SQS message ids of the batch, for an event source mapping's invocation; `[]` otherwise.
    package var messageIDs: [String]

    package init(
        requestID: String = UUID().uuidString.lowercased(),
        payload: Data,
        traceID: String = LambdaInvocation.newTraceID(),
        clientContext: String? = nil,
        cognitoIdentity: String? = nil,
        source: LambdaInvocationSource = .invoke,
        messageIDs: [String] = []
    ) {
        self.requestID = requestID
        self.payload = payload
        self.traceID = traceID
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.source = source
        self.messageIDs = messageIDs
    }

    /// An X-Ray trace header as Lambda passes it: `Root=1-{8 hex epoch seconds}-{24 hex};Parent={16 hex};Sampled=0`.
    package static func newTraceID(at date: Date = Date()) -> String {
        let epoch = String(UInt32(truncatingIfNeeded: Int(date.timeIntervalSince1970)), radix: 16)
        let padded = String(repeating: "0", count: max(0, 8 - epoch.count)) + epoch
        return "Root=1-\(padded)-\(randomHex(24));Parent=\(randomHex(16));Sampled=0"
    }

    private static func randomHex(_ count: Int) -> String {
        String((0..<count).map { _ in "0123456789abcdef".randomElement()! })
    }
}

/// Who asked for an invocation.
package enum LambdaInvocationSource: String, Sendable, Equatable {
    /// A synchronous `Invoke` (`RequestResponse`).
    case invoke
    /// An asynchronous `Invoke` (`Event`); each retry is an invocation of its own.
    case event
    /// An SQS event source mapping's batch.
    case sqs
    /// A request to the function's URL.
    case url
}

/// How an invocation ended.
package enum LambdaInvocationOutcome: Sendable, Equatable {
    /// The bootstrap posted a response (the payload as it posted it).
    case success(Data)
    /// The function failed: the bootstrap posted an error, crashed, timed out, or its answer broke a limit.
    /// `payload` is the JSON the invoker receives with `X-Amz-Function-Error: Unhandled`.
    case failure(LambdaFunctionError)

    package var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }

    /// The body an invoker receives.
    package var payload: Data {
        switch self {
        case .success(let data): return data
        case .failure(let error): return error.payload
        }
    }
}

/// A function error as Lambda reports it to the invoker: `{"errorType": …, "errorMessage": …}` or the body the
/// bootstrap posted to `/error`.
package struct LambdaFunctionError: Sendable, Equatable, Error {
    package var errorType: String
    package var errorMessage: String
    package var payload: Data

    package init(errorType: String, errorMessage: String) {
        self.errorType = errorType
        self.errorMessage = errorMessage
        let object = ["errorType": errorType, "errorMessage": errorMessage]
        self.payload = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }

    /// What the bootstrap posted to `/invocation/{id}/error` or `/init/error`: a JSON object is passed through as
    /// it is; anything else becomes `{"errorType": header or "Runtime.Unknown", "errorMessage": text}`.
    package init(posted body: Data, errorTypeHeader: String?) {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            self.init(
                errorType: errorTypeHeader ?? "Runtime.Unknown",
                errorMessage: String(decoding: body, as: UTF8.self)
            )
            return
        }
        self.init(
            errorType: (object["errorType"] as? String) ?? errorTypeHeader ?? "Runtime.Unknown",
            errorMessage: (object["errorMessage"] as? String) ?? ""
        )
        payload = body
    }

    /// `Task timed out after 3.00 seconds`, Lambda's timeout.
    package static func timedOut(requestID: String, after seconds: Double) -> LambdaFunctionError {
        LambdaFunctionError(
            errorType: "Sandbox.Timedout",
            errorMessage:
                "RequestId: \(requestID) Error: Task timed out after \(String(format: "%.2f", seconds)) seconds"
        )
    }

    /// The bootstrap's process ended while it held the invocation (or before it took it).
    package static func exited(requestID: String, status: String) -> LambdaFunctionError {
        LambdaFunctionError(
            errorType: "Runtime.ExitError",
            errorMessage: "RequestId: \(requestID) Error: Runtime exited with error: \(status)"
        )
    }

    /// The bootstrap posted a response over the Runtime API's limit.
    package static func responseTooLarge(size: Int) -> LambdaFunctionError {
        LambdaFunctionError(
            errorType: "Function.ResponseSizeTooLarge",
            errorMessage:
                "Response payload size (\(size) bytes) exceeded maximum allowed payload size (\(LambdaLimits.responsePayload) bytes)."
        )
    }
}
