import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The Lambda API's rest-json routes (`aws lambda invoke`, `get-function`, `get-function-configuration`,
/// `list-functions`), added to the emulator server's router. Signature checks are the server's, before these.
package enum LambdaAPIRoutes {
    package static func add<Context: RequestContext>(to router: Router<Context>, registry: LambdaFunctionRegistry) {
        router.post("2015-03-31/functions/:name/invocations") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            let payload: Data
            do {
                let body = try await request.body.collect(upTo: LambdaLimits.requestPayload + 1)
                payload = Data(body.readableBytesView)
            } catch {
                return response(
                    LambdaAPIError(
                        .requestTooLarge,
                        "Request must be smaller than \(LambdaLimits.requestPayload) bytes for the InvokeFunction operation"
                    ).response)
            }
            let invoke = LambdaInvokeRequest(
                functionName: name, query: query(request), headers: headers(request), payload: payload)
            return response(await LambdaInvokeAPI.invoke(invoke, registry: registry))
        }
        router.get("2015-03-31/functions/:name") { request, context -> Response in
            await describe(context.parameters.get("name") ?? "", request: request, registry: registry) {
                LambdaFunctionShapes.getFunction($0, lastModified: $1)
            }
        }
        router.get("2015-03-31/functions/:name/configuration") { request, context -> Response in
            await describe(context.parameters.get("name") ?? "", request: request, registry: registry) {
                LambdaFunctionShapes.configuration($0, lastModified: $1)
            }
        }
        router.get("2015-03-31/functions") { request, _ -> Response in
            await list(request, registry: registry)
        }
    }

    private static func list(_ request: Request, registry: LambdaFunctionRegistry) async -> Response {
        let parameters = query(request)
        var functions: [(LambdaFunctionConfiguration, Date)] = []
        for host in await registry.functions {
            functions.append((host.configuration, await registry.lastModified(host.configuration.name)))
        }
        let object = LambdaFunctionShapes.listFunctions(
            functions, marker: parameters["Marker"], maxItems: parameters["MaxItems"].flatMap { Int($0) })
        return response(.json(object))
    }

    private static func describe(
        _ name: String, request: Request, registry: LambdaFunctionRegistry,
        shape: (LambdaFunctionConfiguration, Date) -> [String: Any]
    ) async -> Response {
        do {
            let host = try await registry.host(named: name, qualifier: query(request)["Qualifier"])
            let modified = await registry.lastModified(host.configuration.name)
            return response(.json(shape(host.configuration, modified)))
        } catch {
            return response(error.response)
        }
    }

    static func query(_ request: Request) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { result[String(key)] = String(value) }
        return result
    }

    static func headers(_ request: Request) -> [String: String] {
        var result: [String: String] = [:]
        for field in request.headers { result[field.name.canonicalName] = field.value }
        return result
    }

    static func response(_ answer: LambdaHTTPResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
