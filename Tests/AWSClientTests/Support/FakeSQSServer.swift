import AWSClient
import AWSSigV4
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// A tiny SQS over HTTP for round trips through the real transport: it checks every request's SigV4 signature
/// with the emulator's verifier (so Host, headers and body must arrive exactly as signed), then lets the test
/// answer. Every request it saw is recorded.
final class FakeSQSServer: Sendable {
    struct Received: Sendable {
        var target: String
        var body: [UInt8]
        var signatureError: String?
        /// Lower-case header names as they arrived.
        var headerNames: [String]
    }

    typealias Handler = @Sendable (_ target: String, _ body: [String: Any], _ index: Int) async throws -> Response

    private let handler: Handler
    private let received = Mutex<[Received]>([])

    init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    var requests: [Received] { received.withLock { $0 } }

    var router: Router<BasicRequestContext> {
        let router = Router()
        router.post("/") { request, _ -> Response in
            var request = request
            let buffer = try await request.collectBody(upTo: 1 << 20)
            let body = Array(buffer.readableBytesView)
            var headers = [SignableRequest.Header("Host", request.head.authority ?? "")]
            for field in request.headers {
                headers.append(SignableRequest.Header(field.name.rawName, field.value))
            }
            let signable = SignableRequest(
                method: request.method.rawValue,
                path: request.uri.path,
                query: request.uri.query ?? "",
                headers: headers,
                body: body
            )
            let verifier = SigV4Verifier { key in
                key == Fixtures.environment["AWS_ACCESS_KEY_ID"] ? Fixtures.environment["AWS_SECRET_ACCESS_KEY"] : nil
            }
            var signatureError: String?
            do {
                _ = try verifier.verify(signable, now: Date())
            } catch {
                signatureError = "\(error)"
            }
            let target = request.headers[HTTPField.Name("X-Amz-Target")!] ?? ""
            let index = self.received.withLock { list in
                list.append(
                    Received(
                        target: target,
                        body: body,
                        signatureError: signatureError,
                        headerNames: request.headers.map { $0.name.canonicalName }
                    )
                )
                return list.count - 1
            }
            if signatureError != nil {
                return Self.json(
                    403,
                    #"{"__type":"com.amazonaws.sqs#SignatureDoesNotMatch","message":"signature"}"#,
                    queryError: "SignatureDoesNotMatch;Sender"
                )
            }
            let object = (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:]
            return try await self.handler(target, object, index)
        }
        return router
    }

    /// An AWS JSON answer with a request id, and `x-amzn-query-error` when given.
    static func json(_ status: Int, _ body: String, queryError: String? = nil) -> Response {
        var headers: HTTPFields = [
            .contentType: "application/x-amz-json-1.0", HTTPField.Name("x-amzn-RequestId")!: "rid-\(status)",
        ]
        if let queryError { headers[HTTPField.Name("x-amzn-query-error")!] = queryError }
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }
}
