/// How the runtime talks HTTP to the Runtime API: URLSession in production, anything in tests.
///
/// A transport throws `LambdaRuntimeError` with code `.connectionFailed` when the server cannot be reached or the
/// connection breaks, `CancellationError` when the task is cancelled, and returns every HTTP answer (any status)
/// as a `RuntimeAPIResponse`.
public protocol RuntimeAPITransport: Sendable {
    func send(_ request: RuntimeAPIRequest) async throws -> RuntimeAPIResponse
}
