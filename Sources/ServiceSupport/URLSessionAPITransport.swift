import AWSClient
import Foundation

/// `APITransport` for the Sentry and Asana clients, over the AWS clients' `URLSessionTransport`: one long-lived
/// session (libcurl on Linux) so a warm Lambda reuses connections, a timer over the whole exchange (URLSession's
/// own timeout counts whole seconds of idle time only), cancellation, and truncated bodies detected — the same
/// HTTP code for every outbound call of the service.
public final class URLSessionAPITransport: APITransport {
    private let inner: URLSessionTransport

    public init() {
        inner = URLSessionTransport()
    }

    public func send(_ request: APIRequest) async throws -> APIResponse {
        let outbound = AWSHTTPRequest(
            method: request.method,
            url: request.url,
            headers: request.headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) },
            body: request.body.map { Array($0) } ?? []
        )
        do {
            let response = try await inner.send(outbound, timeout: request.timeout)
            return APIResponse(status: response.status, headers: response.headers, body: Data(response.body))
        } catch let error as HTTPTransportError {
            switch error.code {
            case .timeout: throw APITransportError(.timedOut, "timed out after \(request.timeout)")
            case .connectionFailed: throw APITransportError(.connectionFailed, error.message)
            case .truncatedResponse, .invalidRequest: throw APITransportError(.other, error.message)
            }
        } catch is CancellationError {
            throw APITransportError(.cancelled, "cancelled")
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
