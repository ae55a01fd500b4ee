import Foundation

/// The Runtime API's own 4xx answers to a bootstrap that breaks the protocol. The invocation concerned (if any)
/// is settled separately by the state machine.
package struct RuntimeAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: Sendable, Equatable {
        /// The request id is not the invocation this instance holds (400 `InvalidRequestID`).
        case invalidRequestID
        /// The call is not allowed in the instance's state, e.g. a second answer (403 `InvalidStateTransition`).
        case invalidStateTransition(from: String, to: String)
        /// The posted body is over the limit (413 `RequestEntityTooLarge`).
        case payloadTooLarge
        /// The instance is no longer known (it was stopped); 403 as the Runtime API gives a runtime it reset.
        case instanceGone
    }

    package var code: Code

    package init(_ code: Code) { self.code = code }

    package var status: Int {
        switch code {
        case .invalidRequestID: 400
        case .invalidStateTransition, .instanceGone: 403
        case .payloadTooLarge: 413
        }
    }

    package var errorType: String {
        switch code {
        case .invalidRequestID: "InvalidRequestID"
        case .invalidStateTransition, .instanceGone: "InvalidStateTransition"
        case .payloadTooLarge: "RequestEntityTooLarge"
        }
    }

    package var errorMessage: String {
        switch code {
        case .invalidRequestID: "Invalid request ID"
        case .invalidStateTransition(let from, let to):
            "State transition from \(from) to \(to) failed for runtime. Error: State transition is not allowed"
        case .payloadTooLarge: "Exceeded maximum allowed payload size (\(LambdaLimits.responsePayload) bytes)."
        case .instanceGone: "State transition from Stopped to Ready failed for runtime. Error: the instance was stopped"
        }
    }

    /// The JSON body the Runtime API answers with.
    package var body: Data {
        let object = ["errorMessage": errorMessage, "errorType": errorType]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }

    package var description: String { "\(status) \(errorType): \(errorMessage)" }
}
