import AWSClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import TestSupport
import Testing

@Suite("Round trips through URLSessionTransport")
struct URLSessionTransportTests {
    /// An SQS client on the real transport and the real clock, pointed at `baseURL`.
    func sqs(_ baseURL: URL, attemptTimeout: Duration = .seconds(10)) throws -> SQSClient {
        SQSClient(
            configuration: try Fixtures.configuration(["AWS_ENDPOINT_URL_SQS": baseURL.absoluteString]),
            transport: URLSessionTransport(),
            logger: Fixtures.logger,
            options: AWSClientOptions(
                retry: AWSRetryStrategy(baseDelay: .milliseconds(1), jitter: { 1 }),
                attemptTimeout: attemptTimeout
            )
        )
    }

    @Test("SendMessage and ReceiveMessage round trip: the server verifies the signature and computes the digests")
    func sendAndReceive() async throws {
        let server = FakeSQSServer { target, body, _ in
            switch target {
            case "AmazonSQS.SendMessage":
                let text = body["MessageBody"] as? String ?? ""
                let attributes = try JSONDecoder().decode(
                    [String: SQSMessageAttributeValue].self,
                    from: JSONSerialization.data(withJSONObject: body["MessageAttributes"] ?? [:])
                )
                return FakeSQSServer.json(
                    200,
                    #"{"MessageId":"m-1","MD5OfMessageBody":"\#(SQSChecksum.body(text))","MD5OfMessageAttributes":"\#(SQSChecksum.attributes(attributes) ?? "")"}"#
                )
            case "AmazonSQS.ReceiveMessage":
                return FakeSQSServer.json(
                    200,
                    #"{"Messages":[{"MessageId":"m-1","ReceiptHandle":"rh-1","Body":"{\"id\":\"é\"}","MD5OfBody":"\#(SQSChecksum.body(#"{"id":"é"}"#))"}]}"#
                )
            default:
                return FakeSQSServer.json(400, #"{"__type":"com.amazonaws.sqs#UnsupportedOperation","message":"no"}"#)
            }
        }
        try await withTestServer(BuiltResponder(server.router)) { baseURL in
            let sqs = try sqs(baseURL)
            let deadline = AWSDeadline.after(.seconds(20))
            // A body over 1 KiB: libcurl must not hold it back behind `Expect: 100-continue` (a 1 s stall).
            let large = try await sqs.sendMessage(
                queueURL: "\(baseURL.absoluteString)/000000000000/q",
                body: String(repeating: "a", count: 4_096),
                deadline: deadline
            )
            #expect(large.messageID == "m-1")
            let sent = try await sqs.sendMessage(
                queueURL: "\(baseURL.absoluteString)/000000000000/q",
                body: #"{"id":"é"}"#,
                attributes: ["team": .string("backend"), "n": .number("1")],
                delaySeconds: 0,
                deadline: deadline
            )
            #expect(sent.messageID == "m-1")
            let messages = try await sqs.receiveMessage(
                queueURL: "\(baseURL.absoluteString)/000000000000/q",
                waitTimeSeconds: 1,
                deadline: deadline
            )
            #expect(messages.map(\.body) == [#"{"id":"é"}"#])
        }
        #expect(
            server.requests.map(\.target) == [
                "AmazonSQS.SendMessage", "AmazonSQS.SendMessage", "AmazonSQS.ReceiveMessage",
            ]
        )
        #expect(server.requests.allSatisfy { !$0.headerNames.contains("expect") }, "no Expect: 100-continue")
        #expect(
            server.requests.allSatisfy { $0.signatureError == nil },
            "\(server.requests.compactMap(\.signatureError))"
        )
    }

    @Test("a long poll longer than the attempt timeout succeeds: the wait is added to the HTTP timeout")
    func longPoll() async throws {
        let server = FakeSQSServer { _, body, _ in
            let wait = body["WaitTimeSeconds"] as? Int ?? 0
            try? await Task.sleep(for: .milliseconds(wait * 500))
            return FakeSQSServer.json(200, #"{"Messages":[]}"#)
        }
        try await withTestServer(BuiltResponder(server.router)) { baseURL in
            let messages = try await sqs(baseURL, attemptTimeout: .milliseconds(300)).receiveMessage(
                queueURL: "q",
                waitTimeSeconds: 1,
                deadline: AWSDeadline.after(.seconds(10))
            )
            #expect(messages.isEmpty)
        }
        #expect(server.requests.count == 1, "the poll answered within its own attempt, no retry")
    }

    @Test("an error answer with x-amzn-query-error becomes an AWSServiceError with the legacy code and request id")
    func queryError() async throws {
        let server = FakeSQSServer { _, _, _ in
            FakeSQSServer.json(
                400,
                #"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}"#,
                queryError: "AWS.SimpleQueueService.NonExistentQueue;Sender"
            )
        }
        try await withTestServer(BuiltResponder(server.router)) { baseURL in
            let error = await #expect(throws: AWSServiceError.self) {
                try await sqs(baseURL).getQueueURL(queueName: "missing", deadline: AWSDeadline.after(.seconds(10)))
            }
            #expect(error?.code == .sqsNonExistentQueue)
            #expect(error?.type == "QueueDoesNotExist")
            #expect(error?.requestID == "rid-400")
        }
        #expect(server.requests.count == 1)
    }

    @Test("a 500 then a success: the call succeeds on the second attempt")
    func retriesAfter500() async throws {
        let server = FakeSQSServer { _, _, index in
            index == 0
                ? FakeSQSServer.json(500, #"{"__type":"InternalFailure","message":"try again"}"#)
                : FakeSQSServer.json(200, #"{"QueueUrl":"http://127.0.0.1/000000000000/q"}"#)
        }
        try await withTestServer(BuiltResponder(server.router)) { baseURL in
            let url = try await sqs(baseURL).getQueueURL(queueName: "q", deadline: AWSDeadline.after(.seconds(10)))
            #expect(url == "http://127.0.0.1/000000000000/q")
        }
        #expect(server.requests.count == 2)
        #expect(server.requests.allSatisfy { $0.signatureError == nil }, "each attempt is signed afresh")
    }

    @Test("a truncated JSON body is an invalidResponse error")
    func truncatedJSON() async throws {
        let server = FakeSQSServer { _, _, _ in FakeSQSServer.json(200, #"{"QueueUrl":"http://127.0.0.1/00"#) }
        try await withTestServer(BuiltResponder(server.router)) { baseURL in
            let error = await #expect(throws: AWSClientError.self) {
                try await sqs(baseURL).getQueueURL(queueName: "q", deadline: AWSDeadline.after(.seconds(10)))
            }
            #expect(error?.code == .invalidResponse)
        }
    }

    @Test("a server slower than the attempt timeout gives a timeout error after three attempts")
    func timeout() async throws {
        let server = FakeSQSServer { _, _, _ in
            try? await Task.sleep(for: .seconds(1))
            return FakeSQSServer.json(200, "{}")
        }
        try await withTestServer(BuiltResponder(server.router)) { baseURL in
            let error = await #expect(throws: HTTPTransportError.self) {
                try await sqs(baseURL, attemptTimeout: .milliseconds(200)).deleteMessage(
                    queueURL: "q",
                    receiptHandle: "r",
                    deadline: AWSDeadline.after(.seconds(10))
                )
            }
            #expect(error?.code == .timeout)
        }
        #expect(server.requests.count == 3)
    }

    @Test("cancelling the caller's task ends the call with CancellationError, without waiting for the server")
    func cancellation() async throws {
        let (started, startedContinuation) = AsyncStream<Void>.makeStream()
        let server = FakeSQSServer { _, _, _ in
            startedContinuation.yield()
            try? await Task.sleep(for: .seconds(1))
            return FakeSQSServer.json(200, "{}")
        }
        try await withTestServer(BuiltResponder(server.router)) { baseURL in
            let sqs = try sqs(baseURL, attemptTimeout: .seconds(30))
            let call = Task {
                try await sqs.deleteMessage(
                    queueURL: "q",
                    receiptHandle: "r",
                    deadline: AWSDeadline.after(.seconds(30))
                )
            }
            for await _ in started { break }
            call.cancel()
            let result = await call.result
            #expect(throws: CancellationError.self) { try result.get() }
        }
        #expect(server.requests.count == 1, "a cancelled call is not retried")
    }

    @Test("nothing listening: connectionFailed, retried, then thrown")
    func connectionRefused() async throws {
        // Take a port from the kernel and close it again, so nothing listens there.
        let port = try await withTestServer(BuiltResponder(Router())) { baseURL in baseURL.port ?? 0 }
        let baseURL = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let error = await #expect(throws: HTTPTransportError.self) {
            try await sqs(baseURL).deleteMessage(
                queueURL: "q",
                receiptHandle: "r",
                deadline: AWSDeadline.after(.seconds(10))
            )
        }
        #expect(error?.code == .connectionFailed)
    }

    @Test("the transport itself: status, lower-cased headers and body come back; a zero timeout fails at once")
    func rawTransport() async throws {
        let router = Router()
        router.get("/hello") { _, _ -> Response in
            Response(
                status: .accepted,
                headers: [HTTPField.Name("X-Custom")!: "yes"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "hi"))
            )
        }
        try await withTestServer(BuiltResponder(router)) { baseURL in
            let transport = URLSessionTransport()
            let response = try await transport.send(
                AWSHTTPRequest(method: "GET", url: baseURL.appendingPathComponent("hello")),
                timeout: .seconds(5)
            )
            #expect(response.status == 202)
            #expect(response.header("x-custom") == "yes")
            #expect(response.body == Array("hi".utf8))
            let error = await #expect(throws: HTTPTransportError.self) {
                try await transport.send(AWSHTTPRequest(method: "GET", url: baseURL), timeout: .zero)
            }
            #expect(error?.code == .timeout)
        }
    }
}

@Suite("Misbehaving servers")
struct MisbehavingServerTests {
    @Test("a body cut short of its Content-Length is a truncatedResponse transport error, retried, then thrown")
    func truncatedBody() async throws {
        let reply =
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 120\r\n\r\n{\"QueueUrl\":\"http://127.0.0.1/0"
        let counter = RequestCounter()
        try await withRawHTTPServer(reply: reply, counter: counter) { baseURL in
            let sqs = SQSClient(
                configuration: try Fixtures.configuration(["AWS_ENDPOINT_URL_SQS": baseURL.absoluteString]),
                transport: URLSessionTransport(),
                logger: Fixtures.logger,
                options: AWSClientOptions(retry: AWSRetryStrategy(baseDelay: .milliseconds(1)))
            )
            let error = await #expect(throws: HTTPTransportError.self) {
                try await sqs.getQueueURL(queueName: "q", deadline: AWSDeadline.after(.seconds(10)))
            }
            #expect(error?.code == .truncatedResponse, "\(String(describing: error))")
        }
        #expect(counter.value == 3, "a cut-short answer may be transient: retried like a connection failure")
    }

    @Test("an answer that is not HTTP at all is a truncatedResponse transport error, not a crash")
    func notHTTP() async throws {
        try await withRawHTTPServer(reply: "SSH-2.0-OpenSSH_9.6\r\n") { baseURL in
            let transport = URLSessionTransport()
            let error = await #expect(throws: HTTPTransportError.self) {
                try await transport.send(
                    AWSHTTPRequest(method: "POST", url: baseURL, body: Array("{}".utf8)),
                    timeout: .seconds(5)
                )
            }
            #expect(error?.code == .truncatedResponse, "\(String(describing: error))")
        }
    }
}
