import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `HTTPTransport` over one long-lived `URLSession` (libcurl on Linux), so connections are reused across calls.
///
/// Every request is bounded by the `timeout` given to `send`: URLSession's own `timeoutInterval` only limits
/// idle time between bytes, so the transport also runs its own timer over the whole exchange and cancels the
/// task when it fires. Cookies, caches and credential storage are off: AWS requests carry their own signature.
public final class URLSessionTransport: HTTPTransport, Sendable {
    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = 3_600
        configuration.timeoutIntervalForResource = 3_600
        configuration.httpMaximumConnectionsPerHost = 16
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) * 1e-18
        guard seconds > 0 else {
            throw HTTPTransportError(.timeout, "no time left to send \(request.method) \(request.url.absoluteString)")
        }
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        // libcurl's idle timer as a backstop; the exchange as a whole is bounded by the timer below.
        urlRequest.timeoutInterval = seconds + 1
        for header in request.headers where header.name.lowercased() != "content-length" {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            urlRequest.httpBody = Data(request.body)
        }
        try Task.checkCancellation()
        let exchange = Exchange()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<AWSHTTPResponse, any Error>) in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    exchange.finish(Self.result(data: data, response: response, error: error, url: request.url))
                }
                let timer = Task {
                    try await Task.sleep(for: timeout)
                    exchange.finish(
                        .failure(
                            HTTPTransportError(
                                .timeout,
                                "no complete response from \(request.url.absoluteString) within \(Self.format(seconds))"
                            )
                        )
                    )
                }
                exchange.start(continuation: continuation, task: task, timer: timer)
                task.resume()
            }
        } onCancel: {
            exchange.finish(.failure(CancellationError()))
        }
    }

    private static func format(_ seconds: Double) -> String {
        String(format: "%.3f s", seconds)
    }

    private static func result(
        data: Data?,
        response: URLResponse?,
        error: (any Error)?,
        url: URL
    ) -> Result<AWSHTTPResponse, any Error> {
        if let error {
            return .failure(map(error, url: url))
        }
        guard let http = response as? HTTPURLResponse else {
            return .failure(HTTPTransportError(.truncatedResponse, "\(url.absoluteString) did not answer with HTTP"))
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            guard let name = key as? String else { continue }
            headers[name.lowercased()] = "\(value)"
        }
        let body = data.map { [UInt8]($0) } ?? []
        if let declared = headers["content-length"].flatMap(Int.init), declared != body.count,
            headers["content-encoding"] == nil
        {
            return .failure(
                HTTPTransportError(
                    .truncatedResponse,
                    "\(url.absoluteString) sent \(body.count) body bytes of the \(declared) its Content-Length declared"
                )
            )
        }
        return .success(AWSHTTPResponse(status: http.statusCode, headers: headers, body: body))
    }

    private static func map(_ error: any Error, url: URL) -> any Error {
        guard let urlError = error as? URLError else {
            return HTTPTransportError(.connectionFailed, "request to \(url.absoluteString) failed", underlying: error)
        }
        switch urlError.code {
        case .timedOut:
            return HTTPTransportError(.timeout, "request to \(url.absoluteString) timed out", underlying: error)
        case .networkConnectionLost:
            return HTTPTransportError(
                .truncatedResponse,
                "the connection to \(url.absoluteString) was lost mid-exchange",
                underlying: error
            )
        case .badServerResponse, .cannotParseResponse, .cannotDecodeRawData, .cannotDecodeContentData,
            .zeroByteResource:
            return HTTPTransportError(
                .truncatedResponse,
                "\(url.absoluteString) sent an invalid or truncated response",
                underlying: error
            )
        case .unsupportedURL where ["http", "https"].contains(url.scheme?.lowercased() ?? ""):
            // libcurl reports an answer that is not HTTP (e.g. "Received HTTP/0.9") as an unsupported protocol.
            return HTTPTransportError(
                .truncatedResponse,
                "\(url.absoluteString) did not answer with HTTP",
                underlying: error
            )
        case .badURL, .unsupportedURL:
            return HTTPTransportError(.invalidRequest, "\(url.absoluteString) cannot be requested", underlying: error)
        case .unknown where isPartialTransfer(urlError):
            // libcurl's CURLE_PARTIAL_FILE ("transfer closed with N bytes remaining to read") has no URLError code.
            return HTTPTransportError(
                .truncatedResponse,
                "\(url.absoluteString) closed the connection before the whole body arrived",
                underlying: error
            )
        default:
            return HTTPTransportError(
                .connectionFailed,
                "could not reach \(url.absoluteString)",
                underlying: error
            )
        }
    }
}

/// Whether libcurl gave up on a body shorter than announced; FoundationNetworking only passes its message on.
private func isPartialTransfer(_ error: URLError) -> Bool {
    let message = (error as NSError).localizedDescription
    return message.contains("bytes remaining to read") || message.contains("transfer closed")
}

/// One exchange's state: whichever of completion, timer and cancellation comes first resumes the caller, once.
private final class Exchange: Sendable {
    private struct State {
        var continuation: CheckedContinuation<AWSHTTPResponse, any Error>?
        var task: URLSessionDataTask?
        var timer: Task<Void, any Error>?
        var pending: Result<AWSHTTPResponse, any Error>?
        var done = false
    }

    private let state = Mutex<State>(State())

    func start(
        continuation: CheckedContinuation<AWSHTTPResponse, any Error>,
        task: URLSessionDataTask,
        timer: Task<Void, any Error>
    ) {
        let early: Result<AWSHTTPResponse, any Error>? = state.withLock { state in
            if let pending = state.pending { return pending }
            state.continuation = continuation
            state.task = task
            state.timer = timer
            return nil
        }
        if let early {
            timer.cancel()
            task.cancel()
            continuation.resume(with: early)
        }
    }

    func finish(_ result: Result<AWSHTTPResponse, any Error>) {
        let taken = state.withLock {
            state -> (CheckedContinuation<AWSHTTPResponse, any Error>?, URLSessionDataTask?, Task<Void, any Error>?)? in
            guard !state.done else { return nil }
            state.done = true
            guard let continuation = state.continuation else {
                state.pending = result
                return nil
            }
            defer {
                state.continuation = nil
                state.task = nil
                state.timer = nil
            }
            return (continuation, state.task, state.timer)
        }
        guard let (continuation, task, timer) = taken, let continuation else { return }
        timer?.cancel()
        if case .failure = result { task?.cancel() }
        continuation.resume(with: result)
    }
}
