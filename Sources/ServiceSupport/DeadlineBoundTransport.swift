import Foundation

/// Bounds every request's timeout by the time the invocation sending it has left, less a margin, so that one
/// slow dependency fails its own record instead of running the whole batch into Lambda's timeout.
///
/// The invocation's deadline travels as a task-local (`DeadlineBoundTransport.$deadline.withValue`), so the
/// clients above the transport need not pass it through every call. With no deadline set, requests keep their
/// own timeout; with no time left, a request fails at once without being sent.
public struct DeadlineBoundTransport: APITransport {
    /// The deadline of the invocation the current task works for.
    @TaskLocal public static var deadline: Deadline?

    let inner: any APITransport
    let clock: any ServiceClock
    let margin: Duration

    public init(inner: any APITransport, clock: any ServiceClock = SystemClock(), margin: Duration) {
        self.inner = inner
        self.clock = clock
        self.margin = margin
    }

    public func send(_ request: APIRequest) async throws -> APIResponse {
        guard let deadline = Self.deadline else { return try await inner.send(request) }
        let left = deadline.remaining(at: clock.now()) - margin
        guard left > .zero else { throw DeadlineExceeded(url: request.url) }
        var bounded = request
        bounded.timeout = min(request.timeout, left)
        return try await inner.send(bounded)
    }

    /// No time was left to send a request.
    public struct DeadlineExceeded: Error, CustomStringConvertible {
        public var url: URL
        public var description: String {
            "not sent: the invocation has no time left before its deadline (\(url.host ?? url.absoluteString))"
        }
    }
}
