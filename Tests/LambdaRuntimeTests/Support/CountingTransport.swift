import Foundation
import LambdaRuntime
import Synchronization

/// Wraps a transport and counts calls and connection failures, to see the loop retry.
final class CountingTransport: RuntimeAPITransport {
    let inner: any RuntimeAPITransport
    private let counts = Mutex<(calls: Int, connectionFailures: Int)>((0, 0))

    init(_ inner: any RuntimeAPITransport) {
        self.inner = inner
    }

    var calls: Int { counts.withLock { $0.calls } }
    var connectionFailures: Int { counts.withLock { $0.connectionFailures } }

    func send(_ request: RuntimeAPIRequest) async throws -> RuntimeAPIResponse {
        counts.withLock { $0.calls += 1 }
        do {
            return try await inner.send(request)
        } catch let error as LambdaRuntimeError where error.code == .connectionFailed {
            counts.withLock { $0.connectionFailures += 1 }
            throw error
        }
    }
}

/// A transport answering from a script, for tests without a server.
final class ScriptedTransport: RuntimeAPITransport {
    private let state: Mutex<(script: [Result<RuntimeAPIResponse, LambdaRuntimeError>], requests: [RuntimeAPIRequest])>

    init(_ script: [Result<RuntimeAPIResponse, LambdaRuntimeError>]) {
        state = Mutex((script, []))
    }

    var requests: [RuntimeAPIRequest] { state.withLock { $0.requests } }

    func send(_ request: RuntimeAPIRequest) async throws -> RuntimeAPIResponse {
        let next = state.withLock { state -> Result<RuntimeAPIResponse, LambdaRuntimeError> in
            state.requests.append(request)
            guard !state.script.isEmpty else {
                return .failure(LambdaRuntimeError(.containerError, "script exhausted", statusCode: 500))
            }
            return state.script.removeFirst()
        }
        return try next.get()
    }
}
