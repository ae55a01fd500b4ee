import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The Runtime API (`/2018-06-01/runtime/…`) of one function instance, as a bootstrap finds it at
/// `AWS_LAMBDA_RUNTIME_API`.
package enum RuntimeAPIRouter {
    /// Bodies are read up to this size so that an oversized answer gets Lambda's 413 instead of a dropped
    /// connection.
    static let bodyReadLimit = 64 * 1024 * 1024

    package static func make(
        backend: some RuntimeAPIBackend,
        instance: InvocationStateMachine.InstanceID
    ) -> Router<BasicRequestContext> {
        let router = Router()
        let runtime = router.group("2018-06-01/runtime")
        runtime.get("invocation/next") { _, _ -> Response in
            switch await backend.next(instance: instance) {
            case .success(let delivery): return deliveryResponse(delivery, functionARN: backend.functionARN)
            case .failure(let error): return errorResponse(error)
            }
        }
        runtime.post("invocation/:requestID/response") { request, context -> Response in
            let requestID = context.parameters.get("requestID") ?? ""
            guard let body = try? await request.body.collect(upTo: bodyReadLimit) else {
                // Over even the read limit: the answer is refused as too large; the invocation fails the same way.
                return errorResponse(
                    await backend.respond(
                        instance: instance,
                        requestID: requestID,
                        payload: Data(count: LambdaLimits.responsePayload + 1)
                    )
                        ?? RuntimeAPIError(.payloadTooLarge)
                )
            }
            let error = await backend.respond(
                instance: instance,
                requestID: requestID,
                payload: Data(body.readableBytesView)
            )
            return error.map(errorResponse) ?? accepted()
        }
        runtime.post("invocation/:requestID/error") { request, context -> Response in
            let requestID = context.parameters.get("requestID") ?? ""
            let body =
                (try? await request.body.collect(upTo: bodyReadLimit)).map { Data($0.readableBytesView) }
                ?? Data(count: LambdaLimits.responsePayload + 1)
            let errorType = request.headers[errorTypeHeader]
            let error = await backend.fail(instance: instance, requestID: requestID, body: body, errorType: errorType)
            return error.map(errorResponse) ?? accepted()
        }
        runtime.post("init/error") { request, _ -> Response in
            let body =
                (try? await request.body.collect(upTo: bodyReadLimit)).map { Data($0.readableBytesView) } ?? Data()
            let error = await backend.initError(
                instance: instance,
                body: body,
                errorType: request.headers[errorTypeHeader]
            )
            return error.map(errorResponse) ?? accepted()
        }
        return router
    }

    static let errorTypeHeader = HTTPField.Name("Lambda-Runtime-Function-Error-Type")!

    static func deliveryResponse(_ delivery: InvocationStateMachine.Delivery, functionARN: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("Lambda-Runtime-Aws-Request-Id")!] = delivery.invocation.requestID
        headers[HTTPField.Name("Lambda-Runtime-Deadline-Ms")!] = String(
            Int64((delivery.deadline.timeIntervalSince1970 * 1000).rounded())
        )
        headers[HTTPField.Name("Lambda-Runtime-Invoked-Function-Arn")!] = functionARN
        headers[HTTPField.Name("Lambda-Runtime-Trace-Id")!] = delivery.invocation.traceID
        if let clientContext = delivery.invocation.clientContext {
            headers[HTTPField.Name("Lambda-Runtime-Client-Context")!] = clientContext
        }
        if let cognitoIdentity = delivery.invocation.cognitoIdentity {
            headers[HTTPField.Name("Lambda-Runtime-Cognito-Identity")!] = cognitoIdentity
        }
        return Response(
            status: .ok,
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: delivery.invocation.payload))
        )
    }

    static func accepted() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(
            status: .accepted,
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"OK"}"#))
        )
    }

    static func errorResponse(_ error: RuntimeAPIError) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(
            status: HTTPResponse.Status(code: error.status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: error.body))
        )
    }
}
