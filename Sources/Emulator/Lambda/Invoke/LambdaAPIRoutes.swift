import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The Lambda API's paths on a Hummingbird router, each handed to `LambdaAPIDispatcher` (the same code the
/// emulator server's `respond` calls): for test servers and any Hummingbird-based front end.
package enum LambdaAPIRoutes {
    static let paths: [(HTTPRequest.Method, String)] = [
        (.post, "2015-03-31/functions/:name/invocations"),
        (.get, "2015-03-31/functions"),
        (.get, "2015-03-31/functions/:name"),
        (.get, "2015-03-31/functions/:name/configuration"),
        (.post, "2015-03-31/event-source-mappings"),
        (.get, "2015-03-31/event-source-mappings"),
        (.get, "2015-03-31/event-source-mappings/:uuid"),
        (.put, "2015-03-31/event-source-mappings/:uuid"),
        (.delete, "2015-03-31/event-source-mappings/:uuid"),
    ]

    package static func add<Context: RequestContext>(to router: Router<Context>, dispatcher: LambdaAPIDispatcher) {
        for (method, path) in paths {
            router.on(RouterPath(path), method: method) { request, _ -> Response in
                await forward(request, to: dispatcher)
            }
        }
    }

    static func forward(_ request: Request, to dispatcher: LambdaAPIDispatcher) async -> Response {
        var request = request
        let body: [UInt8]
        do {
            let buffer = try await request.collectBody(upTo: LambdaLimits.requestPayload + 1)
            body = Array(buffer.readableBytesView)
        } catch {
            return response(
                LambdaAPIError(
                    .requestTooLarge,
                    "Request must be smaller than \(LambdaLimits.requestPayload) bytes for the InvokeFunction operation"
                ).response.asEmulatorResponse)
        }
        let emulatorRequest = EmulatorRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
            headers: request.headers.map { ($0.name.canonicalName, $0.value) }, body: body)
        let answer =
            await dispatcher.respond(emulatorRequest)
            ?? LambdaAPIError(.resourceNotFound, "Unknown operation").response.asEmulatorResponse
        return response(answer)
    }

    static func response(_ answer: EmulatorResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

extension LambdaHTTPResponse {
    package var asEmulatorResponse: EmulatorResponse {
        EmulatorResponse(
            status: status, headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, body: Array(body))
    }
}
