/// Sends one HTTP request and returns its response: the single outside dependency of the AWS clients.
///
/// The production implementation is `URLSessionTransport`; tests pass a fake. An implementation must give up
/// after `timeout` (the whole exchange, connect to last body byte) with `HTTPTransportError.timeout`, report
/// failures as `HTTPTransportError`, and honour task cancellation.
public protocol HTTPTransport: Sendable {
    func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse
}
