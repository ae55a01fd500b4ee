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

    /// Create/Get/Update/Delete/ListEventSourceMappings (`aws lambda create-event-source-mapping` …).
    package static func addEventSourceMappings<Context: RequestContext>(
        to router: Router<Context>, registry: SQSEventSourceMappingRegistry
    ) {
        router.post("2015-03-31/event-source-mappings") { request, _ -> Response in
            do {
                let body = try await jsonBody(request)
                guard let arn = body["EventSourceArn"] as? String, let function = body["FunctionName"] as? String else {
                    throw LambdaAPIError(.invalidParameterValue, "EventSourceArn and FunctionName are required.")
                }
                let settings = SQSEventSourceMappingSettings(
                    functionName: function, eventSourceARN: arn, batchSize: body["BatchSize"] as? Int ?? 10,
                    maximumBatchingWindowInSeconds: body["MaximumBatchingWindowInSeconds"] as? Int ?? 0,
                    reportBatchItemFailures: (body["FunctionResponseTypes"] as? [String] ?? []).contains(
                        "ReportBatchItemFailures"),
                    maximumConcurrency: (body["ScalingConfig"] as? [String: Any])?["MaximumConcurrency"] as? Int,
                    enabled: body["Enabled"] as? Bool ?? true)
                return response(try await registry.create(settings))
            } catch {
                return failure(error)
            }
        }
        router.get("2015-03-31/event-source-mappings") { request, _ -> Response in
            let parameters = query(request)
            return response(
                await registry.list(
                    functionName: parameters["FunctionName"], eventSourceARN: parameters["EventSourceArn"],
                    marker: parameters["Marker"], maxItems: parameters["MaxItems"].flatMap { Int($0) }))
        }
        router.get("2015-03-31/event-source-mappings/:uuid") { _, context -> Response in
            do { return response(try await registry.get(context.parameters.get("uuid") ?? "")) } catch {
                return failure(error)
            }
        }
        router.put("2015-03-31/event-source-mappings/:uuid") { request, context -> Response in
            do {
                let body = try await jsonBody(request)
                var concurrency: Int??
                if let scaling = body["ScalingConfig"] as? [String: Any] {
                    concurrency = .some(scaling["MaximumConcurrency"] as? Int)
                }
                return response(try await registry.update(
                    context.parameters.get("uuid") ?? "", enabled: body["Enabled"] as? Bool,
                    batchSize: body["BatchSize"] as? Int, window: body["MaximumBatchingWindowInSeconds"] as? Int,
                    functionResponseTypes: body["FunctionResponseTypes"] as? [String], maximumConcurrency: concurrency,
                    functionName: body["FunctionName"] as? String))
            } catch {
                return failure(error)
            }
        }
        router.delete("2015-03-31/event-source-mappings/:uuid") { _, context -> Response in
            do {
                return response(try await registry.delete(context.parameters.get("uuid") ?? ""))
            } catch {
                return failure(error)
            }
        }
    }

    private static func failure(_ error: any Error) -> Response {
        response(((error as? LambdaAPIError) ?? LambdaAPIError(.service, "\(error)")).response)
    }

    private static func jsonBody(_ request: Request) async throws(LambdaAPIError) -> [String: Any] {
        let data: Data
        do {
            var request = request
            data = Data(try await request.collectBody(upTo: 1024 * 1024).readableBytesView)
        } catch {
            throw LambdaAPIError(.invalidRequestContent, "The request body is too large.")
        }
        if data.isEmpty { return [:] }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw LambdaAPIError(.invalidRequestContent, "Could not parse request body into json.")
        }
        return object
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
            return failure(error)
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
