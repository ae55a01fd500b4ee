import Foundation

/// How Secrets Manager reaches a rotation function: the emulator's Lambda side (`LambdaSecretRotationInvoker`),
/// or a fake in tests.
package protocol SecretRotationInvoker: Sendable {
    /// Whether `function` (a name or ARN) is a function Secrets Manager can invoke.
    func canInvoke(_ function: String) async -> Bool
    /// Invokes `function` synchronously with `payload` (one rotation step); `nil` when it succeeded, else what
    /// went wrong (the function's error type and message, or why it could not run).
    func invoke(_ function: String, payload: Data) async -> String?
}
