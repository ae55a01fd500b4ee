import AWSClient
import Foundation
import Testing

@Suite("AWS JSON errors")
struct AWSErrorTests {
    /// Sends one DeleteMessage that gets `response`, without retries, and returns what it threw.
    func failure(_ response: AWSHTTPResponse) async throws -> any Error {
        let clock = FakeClock()
        let transport = FakeTransport([.respond(response)])
        let sqs = SQSClient(
            configuration: try Fixtures.configuration(),
            transport: transport,
            logger: Fixtures.logger,
            options: AWSClientOptions(retry: .none, clock: clock, wallClock: { Fixtures.signingDate })
        )
        do {
            try await sqs.deleteMessage(
                queueURL: "q",
                receiptHandle: "r",
                deadline: clock.now.advanced(by: .seconds(5))
            )
        } catch {
            return error
        }
        Issue.record("the call was expected to fail")
        return CancellationError()
    }

    @Test("x-amzn-query-error gives the legacy code; __type loses its namespace; request id and sender fault kept")
    func queryCompatibleError() async throws {
        let error = try await failure(
            .json(
                400,
                #"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}"#,
                headers: [
                    "x-amzn-query-error": "AWS.SimpleQueueService.NonExistentQueue;Sender",
                    "x-amzn-RequestId": "b1c2-request",
                ]
            )
        )
        let awsError = try #require(error as? AWSServiceError)
        #expect(awsError.code == .sqsNonExistentQueue)
        #expect(awsError.type == "QueueDoesNotExist")
        #expect(awsError.message == "The specified queue does not exist.")
        #expect(awsError.statusCode == 400)
        #expect(awsError.requestID == "b1c2-request")
        #expect(awsError.isSenderFault)
        #expect(!awsError.isRetryable)
        #expect(awsError.description.contains("AWS.SimpleQueueService.NonExistentQueue"))
    }

    @Test("without x-amzn-query-error the code is the __type name; 'Message' is accepted too")
    func plainJSONError() async throws {
        let error = try await failure(
            .json(
                400,
                #"{"__type":"ResourceNotFoundException","Message":"Secrets Manager can't find the specified secret."}"#
            )
        )
        let awsError = try #require(error as? AWSServiceError)
        #expect(awsError.code == .resourceNotFound)
        #expect(awsError.type == "ResourceNotFoundException")
        #expect(awsError.message == "Secrets Manager can't find the specified secret.")
        #expect(awsError.requestID == "req-400")
    }

    @Test("throttling codes are retryable throttling errors, in either spelling")
    func throttling() async throws {
        for code in AWSRetryStrategy.throttlingCodes {
            let error = AWSServiceError(code: AWSErrorCode(code), message: "slow down", statusCode: 400)
            #expect(error.isThrottling && error.isRetryable, "\(code)")
        }
        let legacy = try #require(
            try await failure(
                .json(
                    400,
                    #"{"__type":"com.amazonaws.sqs#RequestThrottled","message":"x"}"#,
                    headers: ["x-amzn-query-error": "RequestThrottled;Sender"]
                )
            ) as? AWSServiceError
        )
        #expect(legacy.isRetryable)
        #expect(!AWSServiceError(code: "ValidationException", message: "", statusCode: 400).isRetryable)
        #expect(AWSServiceError(code: "InternalFailure", message: "", statusCode: 500).isRetryable)
    }

    @Test("a non-2xx answer without an AWS JSON body is a typed error carrying the status and a body preview")
    func unparseableErrorBody() async throws {
        let error = try await failure(
            AWSHTTPResponse(
                status: 502,
                headers: ["Content-Type": "text/html"],
                body: Array("<html>Bad Gateway</html>".utf8)
            )
        )
        let clientError = try #require(error as? AWSClientError)
        #expect(clientError.code == .unexpectedResponse)
        #expect(clientError.statusCode == 502)
        #expect(clientError.isRetryable)
        #expect(clientError.description.contains("Bad Gateway"))
        let empty = try #require(try await failure(AWSHTTPResponse(status: 403)) as? AWSClientError)
        #expect(empty.code == .unexpectedResponse && empty.statusCode == 403 && !empty.isRetryable)
    }

    @Test("a 2xx answer with truncated or mistyped JSON is an invalidResponse error, not a crash")
    func invalidSuccessBody() async throws {
        let clock = FakeClock()
        let transport = FakeTransport([
            .respond(.json(200, #"{"QueueUrl":"http://127.0.0.1/q"#)),
            .respond(.json(200, #"{"QueueUrl":42}"#)),
            .respond(.json(200, #"{}"#)),
        ])
        let sqs = try Fixtures.sqs(transport, clock: clock)
        let deadline = clock.now.advanced(by: .seconds(5))
        let truncated = await #expect(throws: AWSClientError.self) {
            try await sqs.getQueueURL(queueName: "q", deadline: deadline)
        }
        #expect(truncated?.code == .invalidResponse)
        #expect(truncated?.message.contains("malformed or truncated JSON") == true)
        let mistyped = await #expect(throws: AWSClientError.self) {
            try await sqs.getQueueURL(queueName: "q", deadline: deadline)
        }
        #expect(mistyped?.message.contains("QueueUrl") == true)
        let missing = await #expect(throws: AWSClientError.self) {
            try await sqs.getQueueURL(queueName: "q", deadline: deadline)
        }
        #expect(missing?.message.contains("missing 'QueueUrl'") == true)
        #expect(transport.calls.count == 3, "an unusable 2xx answer is not retried")
    }
}
