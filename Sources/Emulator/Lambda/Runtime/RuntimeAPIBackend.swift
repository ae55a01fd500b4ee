import Foundation

/// What the Runtime API routes of one instance call; `LambdaFunctionHost` implements it.
package protocol RuntimeAPIBackend: Sendable {
    /// The long poll: returns when an invocation is handed to `instance`, or with the Runtime API's refusal.
    func next(
        instance: InvocationStateMachine.InstanceID
    ) async -> Result<InvocationStateMachine.Delivery, RuntimeAPIError>
    /// `nil` means 202 Accepted.
    func respond(
        instance: InvocationStateMachine.InstanceID,
        requestID: String,
        payload: Data
    ) async -> RuntimeAPIError?
    func fail(
        instance: InvocationStateMachine.InstanceID,
        requestID: String,
        body: Data,
        errorType: String?
    ) async -> RuntimeAPIError?
    func initError(
        instance: InvocationStateMachine.InstanceID,
        body: Data,
        errorType: String?
    ) async -> RuntimeAPIError?
    /// The invoked function's ARN (`Lambda-Runtime-Invoked-Function-Arn`).
    var functionARN: String { get }
}
