import Foundation
import HTTPTypes
import Hummingbird
import LambdaEvents
import Logging
import NIOCore
import Synchronization

/// A function's URL: its own listener on 127.0.0.1 (like `https://<url-id>.lambda-url.<region>.on.aws/`, every
/// path and method reaches the function), turning each request into a payload-v2.0 event and the result back
/// into an HTTP answer (`FunctionURLEvent`). This is the URL Sentry's webhook points at.
package final class FunctionURLServer: Sendable {
    package let host: LambdaFunctionHost
    private let address: String
    private let requestedPort: Int
    private let logger: Logger
    private let task = Mutex<Task<Void, any Error>?>(nil)
    private let boundPort = Mutex(0)

    package init(host: LambdaFunctionHost, address: String = "127.0.0.1", port: Int = 0, logger: Logger) {
        self.host = host
        self.address = address
        self.requestedPort = port
        self.logger = logger
    }

    package var url: URL { URL(string: "http://\(address):\(boundPort.withLock { $0 })/")! }

    /// Binds and serves; returns the bound port.
    @discardableResult
    package func start() async throws -> Int {
        let host = self.host
        let urlID = host.configuration.name
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: 6 * 1024 * 1024)
            } catch  where !(error is NIOTooManyBytesError) {
                // A body that ended early or broken chunked framing: a bad request, not a large one.
                return Response(
                    status: .badRequest,
                    headers: [.contentType: "application/json"],
                    body: .init(
                        byteBuffer: ByteBuffer(string: #"{"Message":"The request body could not be read whole."}"#)
                    )
                )
            } catch {
                return Response(
                    status: .contentTooLarge,
                    headers: [.contentType: "application/json"],
                    body: .init(
                        byteBuffer: ByteBuffer(
                            string:
                                #"{"Message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}"#
                        )
                    )
                )
            }
            let target = request.head.path ?? "/"
            let (path, query) =
                target.firstIndex(of: "?").map {
                    (String(target[..<$0]), String(target[target.index(after: $0)...]))
                } ?? (target, "")
            var headers: [(name: String, value: String)] = []
            if let authority = request.head.authority { headers.append(("host", authority)) }
            for field in request.headers { headers.append((field.name.canonicalName, field.value)) }
            let sourceIP = "127.0.0.1"  // the URL binds loopback only
            let event = FunctionURLEvent.make(
                method: request.method.rawValue,
                rawPath: path,
                rawQuery: query,
                headers: headers,
                body: Array(buffer: buffer),
                sourceIP: sourceIP,
                urlID: urlID,
                domainName: request.head.authority ?? "\(urlID).lambda-url.local"
            )
            let payload = (try? JSONEncoder().encode(event)) ?? Data()
            let attempt = await host.invoke(
                LambdaInvocation(requestID: event.requestContext.requestId, payload: payload, source: .url)
            )
            let answer = FunctionURLEvent.answer(for: attempt)
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
            }
            fields.append(HTTPField(name: HTTPField.Name("x-amzn-RequestId")!, value: event.requestContext.requestId))
            return Response(
                status: HTTPResponse.Status(code: answer.status),
                headers: fields,
                body: .init(byteBuffer: ByteBuffer(bytes: answer.body))
            )
        }
        // The listener's own chatter (its cancellation on shutdown included) stays out of the emulator's log.
        var quiet = logger
        quiet.logLevel = .critical
        let (address, requestedPort) = (self.address, self.requestedPort)
        let running = try await HTTPListener.start(
            responder,
            host: address,
            port: requestedPort,
            logger: quiet,
            error: {
                LambdaHostError(
                    .runtimeAPIUnavailable,
                    detail: "the Function URL of \(urlID) did not bind \(address):\(requestedPort)"
                )
            }
        )
        task.withLock { $0 = running.task }
        let port = running.port
        boundPort.withLock { $0 = port }
        return port
    }

    package func shutdown() async {
        let running = task.withLock { task -> Task<Void, any Error>? in
            defer { task = nil }
            return task
        }
        running?.cancel()
        _ = await running?.result
    }
}
