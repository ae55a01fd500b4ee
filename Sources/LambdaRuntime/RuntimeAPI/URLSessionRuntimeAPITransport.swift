import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The Runtime API over FoundationNetworking's URLSession (libcurl on Linux), one session and so one reused
/// connection per process.
///
/// Measured on Linux (swift-corelibs-foundation, Swift 6.3): the *request's* `timeoutInterval` governs and
/// defaults to 60 s, and `0` means "time out at once" rather than "never". So the long poll carries a timeout of
/// one year, which in practice is none — AWS asks for no timeout on `/next` because the process may be frozen
/// between invocations. A 75 s long poll completed with it; other calls use `postTimeout`.
///
/// Also measured: the timeout is truncated to whole seconds (1.9 s behaves as 1 s, 0.5 s fails at once with
/// `NSURLErrorTimedOut`), so `postTimeout` is rounded up to a whole number of seconds, at least one.
public final class URLSessionRuntimeAPITransport: RuntimeAPITransport {
    /// "No timeout" as URLSession on Linux understands it: one year.
    public static let longPollTimeout: TimeInterval = 365 * 24 * 3600

    let baseURL: URL
    let session: URLSession
    let postTimeout: TimeInterval

    /// - Parameters:
    ///   - baseURL: `http://host:port/2018-06-01`.
    ///   - postTimeout: the limit on every call but the long poll, rounded up to whole seconds (at least 1).
    public init(baseURL: URL, postTimeout: TimeInterval = 60) {
        self.baseURL = baseURL
        self.postTimeout = Self.wholeSeconds(postTimeout)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = Self.longPollTimeout
        configuration.timeoutIntervalForResource = Self.longPollTimeout
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        self.session = URLSession(configuration: configuration)
    }

    /// A timeout URLSession on Linux honours as given: whole seconds, at least one.
    static func wholeSeconds(_ interval: TimeInterval) -> TimeInterval {
        guard interval.isFinite else { return longPollTimeout }
        return max(1, interval.rounded(.up))
    }

    deinit {
        session.invalidateAndCancel()
    }

    public func send(_ request: RuntimeAPIRequest) async throws -> RuntimeAPIResponse {
        guard let url = URL(string: baseURL.absoluteString + request.path) else {
            throw LambdaRuntimeError(.invalidInvocation, "cannot build a URL for the path", path: request.path)
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.timeoutInterval = request.isLongPoll ? Self.longPollTimeout : postTimeout
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        if let body = request.body {
            urlRequest.httpBody = body
            if request.headers.keys.contains(where: { $0.lowercased() == "content-type" }) == false {
                urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as URLError where error.code == .cancelled {
            if Task.isCancelled { throw CancellationError() }
            throw LambdaRuntimeError(
                .connectionFailed,
                "the Runtime API call was cancelled",
                path: request.path,
                underlying: error
            )
        } catch {
            throw LambdaRuntimeError(
                .connectionFailed,
                "the Runtime API could not be reached",
                path: request.path,
                underlying: error
            )
        }
        guard let http = response as? HTTPURLResponse else {
            throw LambdaRuntimeError(.connectionFailed, "the Runtime API did not answer HTTP", path: request.path)
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String {
                headers[name.lowercased()] = value
            }
        }
        return RuntimeAPIResponse(status: http.statusCode, headers: headers, body: data)
    }
}
