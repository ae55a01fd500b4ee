import Foundation
import HTTPTypes
import Hummingbird
import LocalAccess
import Logging
import NIOCore

/// Runs one `StubService` over HTTP with the journal, the faults and the admin API (`/__admin/…`) in front of it.
///
/// ```swift
/// let server = StubServer(service: try AsanaStub(seedDirectory: dir, token: "t"))
/// try await server.run(port: 0) { port in print("listening on", port) }
/// ```
package struct StubServer: Sendable {
    package let service: any StubService
    package let journal: Journal
    package let faults: FaultTable
    /// Who may use `/__admin`: loopback host names (and `DEVSTACK_ALLOWED_HOSTS`), no foreign web origin.
    package let adminAccess: LocalAccessPolicy

    package init(
        service: any StubService,
        journal: Journal = Journal(),
        faults: FaultTable = FaultTable(),
        adminAccess: LocalAccessPolicy = .from(environment: ProcessInfo.processInfo.environment)
    ) {
        self.service = service
        self.journal = journal
        self.faults = faults
        self.adminAccess = adminAccess
    }

    /// Serves until the surrounding task is cancelled. `onReady` gets the bound port (useful with `port: 0`).
    package func run(
        host: String = "127.0.0.1",
        port: Int = 0,
        logger: Logger? = nil,
        onReady: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        var quiet = Logger(label: "stubs.\(service.name)")
        quiet.logLevel = .critical
        let app = Application(
            responder: StubResponder(server: self),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { [service] channel in
                let bound = channel.localAddress?.port ?? port
                let shown = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
                service.serverStarted(baseURL: "http://\(shown.contains(":") ? "[\(shown)]" : shown):\(bound)")
                await onReady(bound)
            },
            logger: logger ?? quiet
        )
        try await app.runService()
    }

    /// Runs the server on 127.0.0.1 at a kernel-chosen port for the duration of `body`, handing it the base URL
    /// (`http://127.0.0.1:PORT`), and always stops it afterwards.
    package func withRunning<Result: Sendable>(
        _ body: @Sendable (URL) async throws -> Result
    ) async throws -> Result {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await self.run(port: 0) { port in continuation.yield(port) }
            }
            defer { group.cancelAll() }
            var port = 0
            for await value in ports {
                port = value
                break
            }
            guard port > 0 else { throw SeedError("the \(service.name) stub did not start") }
            return try await body(URL(string: "http://127.0.0.1:\(port)")!)
        }
    }

    /// Answers one request the way the HTTP path does (admin API, faults, service) without the network, and
    /// records it. Used by the responder and by tests that need no sockets.
    package func answer(_ request: StubRequest) async -> (response: StubResponse, fault: FaultSpec?) {
        if request.path == "/__admin" || request.path.hasPrefix("/__admin/") {
            if request.method == "OPTIONS" { return (preflight(request), nil) }
            if let refusal = adminAccess.refusal(
                method: request.method,
                host: request.header("host"),
                origin: request.header("origin")
            ) {
                return (.json(403, .object(["error": .string("Forbidden"), "message": .string(refusal)])), nil)
            }
            return (crossOrigin(request, await StubAdminAPI(server: self).handle(request)), nil)
        }
        let fault = faults.decide(method: request.method, path: request.path)
        if let fault, fault.latencyMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(fault.latencyMilliseconds))
        }
        switch fault?.kind {
        case .status?:
            var response: StubResponse
            if let body = fault!.body {
                response = StubResponse(status: fault!.status, body: Array(body.utf8))
                let isJSON = body.first == "{" || body.first == "["
                response.setHeader("Content-Type", isJSON ? "application/json; charset=UTF-8" : "text/plain")
            } else {
                response = service.errorResponse(status: fault!.status, message: "injected fault")
            }
            for header in fault!.headers { response.setHeader(header.name, header.value) }
            return (response, fault)
        case .rateLimit?:
            var response = service.errorResponse(status: fault!.status, message: "rate limited")
            response.setHeader("Retry-After", String(fault!.retryAfterSeconds))
            for header in fault!.headers { response.setHeader(header.name, header.value) }
            return (response, fault)
        case .reset?:
            return (StubResponse(status: 0), fault)
        case .latency?, .truncate?, nil:
            return (await service.handle(request), fault)
        }
    }
}

/// Hummingbird's side: reads the whole request, lets `StubServer.answer` decide, journals, and carries out the
/// connection-level faults.
struct StubResponder: HTTPResponder {
    typealias Context = StubRequestContext
    let server: StubServer

    func respond(to request: Request, context: StubRequestContext) async throws -> Response {
        let start = ContinuousClock.now
        var request = request
        // HTTP/1.1's Host header arrives as the request's authority (swift-http-types keeps it out of the
        // header fields); it goes back in as `Host`, what the admin API's access check and the journal read.
        var headers: [(name: String, value: String)] = request.head.authority.map { [("Host", $0)] } ?? []
        headers += request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        let uri = request.uri.description
        let method = request.method.rawValue
        let bodyBuffer: ByteBuffer
        do {
            bodyBuffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            // Too large is a 413; a body that ended early or broken chunked framing is a bad request.
            let response =
                error is NIOTooManyBytesError
                ? server.service.errorResponse(status: 413, message: "Request Entity Too Large")
                : server.service.errorResponse(status: 400, message: "The request body could not be read whole")
            return record(StubRequest(method: method, uri: uri, headers: headers, body: []), response, nil, start)
        }
        let stubRequest = StubRequest(
            method: method,
            uri: uri,
            headers: headers,
            body: Array(buffer: bodyBuffer)
        )
        let (response, fault) = await server.answer(stubRequest)
        if stubRequest.path.hasPrefix("/__admin") { return Self.hummingbird(response) }
        switch fault?.kind {
        case .reset?:
            _ = record(stubRequest, response, fault, start)
            if let provider = context.channel as? any SocketOptionProvider {
                try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
            }
            try? await context.channel.close()
            throw CancellationError()
        case .truncate?:
            _ = record(stubRequest, response, fault, start)
            let keep = min(response.body.count, fault!.truncateTo ?? response.body.count / 2)
            let channel = context.channel
            let partial = ByteBuffer(bytes: response.body.prefix(keep))
            var headers = HTTPFields()
            for header in response.headers {
                if let name = HTTPField.Name(header.name) { headers.append(.init(name: name, value: header.value)) }
            }
            headers[.contentLength] = String(response.body.count)
            return Response(
                status: .init(code: response.status),
                headers: headers,
                body: ResponseBody(contentLength: response.body.count) { writer in
                    try await writer.write(partial)
                    try? await Task.sleep(for: .milliseconds(20))
                    try? await channel.close()
                }
            )
        default:
            return record(stubRequest, response, fault, start)
        }
    }

    private func record(
        _ request: StubRequest,
        _ response: StubResponse,
        _ fault: FaultSpec?,
        _ start: ContinuousClock.Instant
    ) -> Response {
        let elapsed = ContinuousClock.now - start
        let milliseconds =
            Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        server.journal.record(
            JournalEntry(
                id: 0,
                time: Date(),
                method: request.method,
                path: request.path,
                query: request.rawQuery,
                headers: JournalEntry.redact(request.headers),
                body: request.body,
                status: response.status,
                responseHeaders: response.headers,
                responseBody: response.body,
                latencyMilliseconds: milliseconds,
                fault: fault?.kind.rawValue
            )
        )
        return Self.hummingbird(response)
    }

    static func hummingbird(_ response: StubResponse) -> Response {
        var headers = HTTPFields()
        for header in response.headers {
            if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
        }
        return Response(
            status: .init(code: response.status),
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: response.body))
        )
    }
}
