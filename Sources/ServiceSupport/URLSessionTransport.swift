import AWSClient
import Foundation

/// `HTTPTransport` for the Sentry and Asana clients, over the AWS client's URLSession transport: one long-lived
/// session (libcurl on Linux) so a warm Lambda reuses connections, a timer over the whole exchange (URLSession's
/// own timeout counts whole seconds of idle time only), cancellation, and truncated bodies detected — the same
/// HTTP code for every outbound call of the service.
public final class URLSessionTransport: HTTPTransport {
    private let inner: AWSClient.URLSessionTransport

    public init() {
        inner = AWSClient.URLSessionTransport()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let outbound = AWSHTTPRequest(
            method: request.method,
            url: request.url,
            headers: request.headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) },
            body: request.body.map { Array($0) } ?? []
        )
        do {
            let response = try await inner.send(outbound, timeout: request.timeout)
            return HTTPResponse(status: response.status, headers: response.headers, body: Data(response.body))
        } catch let error as HTTPTransportError {
            switch error.code {
            case .timeout: throw TransportError(.timedOut, "timed out after \(request.timeout)")
            case .connectionFailed: throw TransportError(.connectionFailed, error.message)
            case .truncatedResponse, .invalidRequest: throw TransportError(.other, error.message)
            }
        } catch is CancellationError {
            throw TransportError(.cancelled, "cancelled")
        }
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
