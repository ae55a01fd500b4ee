import Foundation

/// The one outside dependency of the Sentry and Asana clients: send a request, get a response.
///
/// The production conformer is `URLSessionAPITransport`, an adapter over the AWS clients' `URLSessionTransport`,
/// so every outbound call of the service goes through one HTTP implementation.
///
/// A response with any status is a successful `send`; `send` throws only when no response arrived
/// (connection refused, timeout, cancelled) — as an `APITransportError`.
public protocol APITransport: Sendable {
    func send(_ request: APIRequest) async throws -> APIResponse
}
