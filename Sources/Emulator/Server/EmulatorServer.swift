import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Topology

/// Puts an `Emulator` on a socket with Hummingbird. `start()` returns once the port is bound (0 lets the kernel
/// choose; read `port`), `shutdown()` stops it. Every path and method goes to the emulator as raw bytes: the
/// wire path and query exactly as sent (SigV4 needs them undecoded), the body, every header and `Host`.
package final class EmulatorServer: Sendable {
    package let emulator: Emulator
    private let task = Mutex<Task<Void, any Error>?>(nil)
    private let boundPort = Mutex<Int>(0)
    let logger: Logger

    package init(emulator: Emulator, logger: Logger) {
        self.emulator = emulator
        self.logger = logger
    }

    package var port: Int { boundPort.withLock { $0 } }

    /// `http://HOST:PORT`.
    package var baseURL: URL { URL(string: "http://\(emulator.configuration.host):\(port)")! }

    /// Binds and starts serving; returns the bound port.
    @discardableResult
    package func start() async throws -> Int {
        let emulator = self.emulator
        let maxBody = emulator.configuration.maxBodySize
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: maxBody)
            } catch  where !(error is NIOTooManyBytesError) {
                // The body ended early or its chunked framing was broken: the request is bad, not too large.
                return Response(
                    status: .badRequest,
                    headers: [.contentType: "application/json"],
                    body: .init(
                        byteBuffer: ByteBuffer(
                            string:
                                "{\"__type\":\"IncompleteBody\",\"message\":\"The request body could not be read whole: \(error).\"}"
                        )
                    )
                )
            } catch {
                return Response(
                    status: .contentTooLarge,
                    headers: [.contentType: "application/json"],
                    body: .init(
                        byteBuffer: ByteBuffer(
                            string:
                                "{\"__type\":\"RequestEntityTooLarge\",\"message\":\"Request body is larger than \(maxBody) bytes.\"}"
                        )
                    )
                )
            }
            var headers: [(name: String, value: String)] = []
            if let authority = request.head.authority { headers.append(("host", authority)) }
            for field in request.headers { headers.append((field.name.canonicalName, field.value)) }
            let answer = await emulator.respond(
                EmulatorRequest(
                    method: request.method.rawValue,
                    target: request.head.path ?? "/",
                    headers: headers,
                    body: Array(buffer: buffer)
                )
            )
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
            }
            return Response(
                status: HTTPResponse.Status(code: answer.status),
                headers: fields,
                body: .init(byteBuffer: ByteBuffer(bytes: answer.body))
            )
        }
        // The listener's own chatter (its cancellation on shutdown included) stays out of the emulator's log.
        var quiet = logger
        quiet.logLevel = .critical
        let configuration = emulator.configuration
        let running = try await HTTPListener.start(
            responder,
            host: configuration.host,
            port: configuration.port,
            logger: quiet,
            error: {
                EmulatorServerError(message: "the emulator did not bind \(configuration.host):\(configuration.port)")
            }
        )
        task.withLock { $0 = running.task }
        let port = running.port
        boundPort.withLock { $0 = port }
        await emulator.lambda.functions.setEndpoint(baseURL.absoluteString)
        return port
    }

    /// Loads a stack into the emulator with this server's address as `{{aws_endpoint}}` (see `Emulator.loadStack`).
    package func loadStack(
        _ stack: StackTopology,
        options: StackLoadOptions
    ) async throws(StackLoadError) -> LoadedStack {
        try await emulator.loadStack(stack, endpoint: baseURL, options: options)
    }

    /// Stops the Lambda side (mappings, instances by PID, Function URLs), then stops serving and waits until the
    /// server has stopped.
    package func shutdown() async {
        await emulator.shutdown()
        let running = task.withLock { task -> Task<Void, any Error>? in
            defer { task = nil }
            return task
        }
        running?.cancel()
        _ = await running?.result
    }

    /// Serves until cancelled (the CLI).
    package func waitUntilStopped() async {
        let running = task.withLock { $0 }
        _ = await running?.result
    }
}

package struct EmulatorServerError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
