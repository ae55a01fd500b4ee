/// An error as an AWS service answers it. It carries everything each wire protocol needs: the shape name for
/// JSON's `__type`, the query-protocol code (also sent as `x-amzn-query-error` by query-compatible JSON
/// services such as SQS), the HTTP status and who is at fault.
package struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Fault: String, Sendable {
        case sender = "Sender"
        case receiver = "Receiver"
    }

    /// The modelled shape name (`QueueDoesNotExist`, `ResourceNotFoundException`).
    package var code: String
    /// The query-protocol code (`AWS.SimpleQueueService.NonExistentQueue`); the shape name when they agree.
    package var queryCode: String
    package var message: String
    package var status: Int
    package var fault: Fault

    package init(_ code: String, queryCode: String? = nil, _ message: String, status: Int = 400, fault: Fault = .sender)
    {
        self.code = code
        self.queryCode = queryCode ?? code
        self.message = message
        self.status = status
        self.fault = fault
    }

    package var description: String { "\(code): \(message)" }

    // MARK: Common errors (all services)

    package static func invalidParameterValue(_ message: String) -> Self {
        AWSError("InvalidParameterValue", message)
    }

    package static func missingParameter(_ name: String) -> Self {
        AWSError("MissingParameter", "The request must contain the parameter \(name).")
    }

    package static func malformedInput(_ message: String) -> Self {
        AWSError("SerializationException", queryCode: "MalformedQueryString", message)
    }

    package static func invalidAction(_ action: String) -> Self {
        AWSError(
            "InvalidAction",
            "The action or operation requested is invalid. Verify that the action is typed correctly: \(action)"
        )
    }

    package static func unknownOperation(_ target: String) -> Self {
        AWSError("UnknownOperationException", "The operation \(target) is not known to this emulator.")
    }

    package static func internalFailure(_ message: String) -> Self {
        AWSError("InternalFailure", message, status: 500, fault: .receiver)
    }
}
