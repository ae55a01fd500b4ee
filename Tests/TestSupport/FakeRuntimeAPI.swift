import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An in-test Lambda Runtime API: serves queued invocations on `/next` and records every post. Faults are set
/// per test (status of `/response`, status of `/next`).
public actor FakeRuntimeAPI {
    public init() {}

    public struct QueuedInvocation: Sendable {
        public var requestID: String?
        public var headers: [String: String]
        public var body: Data
    }

    public struct RecordedPost: Sendable {
        public var path: String
        public var headers: [String: String]
        public var body: Data

        /// The header `name`, whatever its case (HTTP names are case-insensitive).
        public func header(_ name: String) -> String? {
            headers[name.lowercased()]
        }

        public var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        }
    }

    public private(set) var queue: [QueuedInvocation] = []
    public private(set) var posts: [RecordedPost] = []
    public private(set) var nextCalls = 0
    public private(set) var waitingNextCalls = 0
    /// Status `/response` answers; 202 as Lambda does.
    public var responseStatus = 202
    /// When set, `/next` answers this status (and no invocation).
    public var nextStatus: Int?
    /// Held before `/next` hands out an invocation, as a quiet function's long poll is.
    public var nextDelay: Duration = .zero
    /// Held before `/response` answers.
    public var responseDelay: Duration = .zero
    /// While stopped, pending and new `/next` calls answer 503 at once, so that the server can shut down.
    public private(set) var stopped = false

    /// Queues an invocation with the headers Lambda sends; `deadline` defaults to 30 s from now.
    public func enqueue(
        requestID: String,
        body: String,
        deadlineMilliseconds: Int64? = nil,
        extraHeaders: [String: String] = [:]
    ) {
        var headers = [
            "Lambda-Runtime-Aws-Request-Id": requestID,
            "Lambda-Runtime-Deadline-Ms": String(
                deadlineMilliseconds ?? Int64(Date().timeIntervalSince1970 * 1000) + 30_000
            ),
            "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-1:123456789012:function:test",
        ]
        headers.merge(extraHeaders) { _, new in new }
        queue.append(QueuedInvocation(requestID: requestID, headers: headers, body: Data(body.utf8)))
    }

    /// Queues an answer of `/next` with exactly these headers.
    public func enqueueRaw(headers: [String: String], body: String) {
        queue.append(QueuedInvocation(requestID: nil, headers: headers, body: Data(body.utf8)))
    }

    public func setResponseStatus(_ status: Int) { responseStatus = status }
    public func setNextStatus(_ status: Int?) { nextStatus = status }
    public func setDelays(next: Duration, response: Duration) {
        nextDelay = next
        responseDelay = response
    }
    public func stop() { stopped = true }
    public func resume() { stopped = false }

    public func record(_ post: RecordedPost) { posts.append(post) }

    /// Waits (at most `limit`) for a queued invocation, as the real long poll does.
    public func takeNext(limit: Duration = .seconds(10)) async -> (status: Int, invocation: QueuedInvocation?) {
        nextCalls += 1
        if let nextStatus { return (nextStatus, nil) }
        waitingNextCalls += 1
        defer { waitingNextCalls -= 1 }
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: limit)
        while clock.now < end {
            if stopped { return (503, nil) }
            if !queue.isEmpty {
                if nextDelay > .zero { try? await Task.sleep(for: nextDelay) }
                return (200, queue.removeFirst())
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return (504, nil)
    }

    public func posts(pathSuffix: String) -> [RecordedPost] {
        posts.filter { $0.path.hasSuffix(pathSuffix) }
    }

    /// The Hummingbird router serving this fake under `/2018-06-01`.
    public nonisolated func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/2018-06-01/runtime/invocation/next") { _, _ -> Response in
            let (status, invocation) = await self.takeNext()
            guard let invocation else {
                return Response(status: .init(code: status), headers: [.connection: "close"])
            }
            var headers = HTTPFields()
            for (name, value) in invocation.headers {
                headers[HTTPField.Name(name)!] = value
            }
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: invocation.body)))
        }
        router.post("/2018-06-01/runtime/invocation/{id}/response") { request, _ -> Response in
            let post = try await Self.recordedPost(request)
            await self.record(post)
            let delay = await self.responseDelay
            if delay > .zero { try? await Task.sleep(for: delay) }
            return Response(status: .init(code: await self.responseStatus))
        }
        router.post("/2018-06-01/runtime/invocation/{id}/error") { request, _ -> Response in
            await self.record(try await Self.recordedPost(request))
            return Response(status: .accepted)
        }
        router.post("/2018-06-01/runtime/init/error") { request, _ -> Response in
            await self.record(try await Self.recordedPost(request))
            return Response(status: .accepted)
        }
        return router
    }

    static func recordedPost(_ request: Request) async throws -> RecordedPost {
        let buffer = try await request.body.collect(upTo: 8 * 1024 * 1024)
        var headers: [String: String] = [:]
        for field in request.headers {
            headers[field.name.canonicalName.lowercased()] = field.value
        }
        return RecordedPost(path: request.uri.path, headers: headers, body: Data(buffer.readableBytesView))
    }
}
