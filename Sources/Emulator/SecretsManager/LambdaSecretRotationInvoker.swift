import Foundation

/// Rotation steps as invocations of the emulator's own functions, each synchronous, as Secrets Manager invokes
/// them on AWS.
package struct LambdaSecretRotationInvoker: SecretRotationInvoker {
    let registry: LambdaFunctionRegistry

    package init(registry: LambdaFunctionRegistry) { self.registry = registry }

    package func canInvoke(_ function: String) async -> Bool {
        (try? await registry.host(named: function)) != nil
    }

    package func invoke(_ function: String, payload: Data) async -> String? {
        let host: LambdaFunctionHost
        do throws(LambdaAPIError) {
            host = try await registry.host(named: function)
        } catch {
            return error.message
        }
        switch await host.invoke(LambdaInvocation(payload: payload)) {
        case .throttled: return "The rotation function was throttled."
        case .shutDown: return "The rotation function's host is shut down."
        case .completed(.success): return nil
        case .completed(.failure(let error)): return "\(error.errorType): \(error.errorMessage)"
        }
    }
}
