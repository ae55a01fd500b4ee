import AWSClient
import Foundation
import Hashing
import TestSupport
import Testing

/// The real `producer` executable, started as Lambda starts a custom runtime, against the emulator's SQS and
/// Secrets Manager (stack applied from `emulator/stack.yaml`) and an in-test Runtime API.
@Suite(.serialized) struct ProducerBootstrapTests {
    static let secret = "dev-sentry-client-secret"  // emulator/stack.yaml's development value
    static let body =
        #"{"action":"triggered","installation":{"uuid":"a1b2c3d4-0000-4000-8000-000000000001"},"data":{"event":{"event_id":"9f1c0e1e5f1b4d0f8c2a7e3b6d5c4a21","issue_id":"4711","title":"TimeoutError: upstream took too long","level":"error","environment":"prod","tags":[["server_name","ingest-worker-1"],["aws_region","us-east-1"]],"web_url":"https://sentry.io/organizations/example-corp/issues/4711/events/9f1c0e1e5f1b4d0f8c2a7e3b6d5c4a21/"},"triggered_rule":"Send to Asana"}}"#

    static func event(requestID: String, body: String, headers: [String: String]) throws -> String {
        let event: [String: Any] = [
            "version": "2.0", "routeKey": "$default", "rawPath": "/", "rawQueryString": "",
            "headers": headers,
            "requestContext": [
                "accountId": "anonymous", "apiId": "producer", "domainName": "producer.lambda-url.local",
                "domainPrefix": "producer", "requestId": requestID, "routeKey": "$default", "stage": "$default",
                "time": "29/Nov/2026:07:00:00 +0000", "timeEpoch": 1_795_935_600_000,
                "http": [
                    "method": "POST", "path": "/", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1",
                    "userAgent": "sentry-hookshot",
                ],
            ],
            "body": body, "isBase64Encoded": false,
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: event), as: UTF8.self)
    }

    static func signedHeaders(
        body: String,
        resource: String = "event_alert",
        secret: String = secret
    ) -> [String: String] {
        [
            "content-type": "application/json", "request-id": UUID().uuidString, "sentry-hook-resource": resource,
            "sentry-hook-timestamp": "1795935600",
            "sentry-hook-signature": Hex.encode(Digest.hmacSHA256(key: Array(secret.utf8), data: Array(body.utf8))),
        ]
    }

    @Test func signedAlertIsEnqueuedUnchangedAndStrangersAreTurnedAwayWithoutAFunctionError() async throws {
        try await LocalStack.with { stack in
            let runtime = FakeRuntimeAPI()
            try await withTestServer(runtime.router()) { runtimeURL in
                let queueURL = try #require(stack.queueURLs["sentry-asana-message-queue"])
                var environment = stack.awsEnvironment
                environment["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:\(runtimeURL.port!)"
                environment["AWS_LAMBDA_FUNCTION_NAME"] = "sentry-asana-producer"
                environment["QUEUE_URL"] = queueURL
                environment["SECRET_NAME"] = "Sentry_Asana_Secrets"
                let producer = try BackgroundProcess(
                    executable: BackgroundProcess.productsFolder.appendingPathComponent("producer"),
                    environment: environment
                )
                defer { producer.stop() }

                await runtime.enqueue(
                    requestID: "good",
                    body: try Self.event(
                        requestID: "good",
                        body: Self.body,
                        headers: Self.signedHeaders(body: Self.body)
                    )
                )
                await runtime.enqueue(
                    requestID: "forged",
                    body: try Self.event(
                        requestID: "forged",
                        body: Self.body,
                        headers: Self.signedHeaders(body: Self.body, secret: "wrong")
                    )
                )
                var unsigned = Self.signedHeaders(body: Self.body)
                unsigned["sentry-hook-signature"] = nil
                await runtime.enqueue(
                    requestID: "unsigned",
                    body: try Self.event(requestID: "unsigned", body: Self.body, headers: unsigned)
                )
                await runtime.enqueue(
                    requestID: "installation",
                    body: try Self.event(
                        requestID: "installation",
                        body: #"{"action":"created"}"#,
                        headers: Self.signedHeaders(body: #"{"action":"created"}"#, resource: "installation")
                    )
                )

                // Bounded wait for the four answers.
                for _ in 0..<1_000 {
                    if await runtime.posts(pathSuffix: "/response").count + runtime.posts(pathSuffix: "/error").count
                        >= 4
                    {
                        break
                    }
                    if !producer.isRunning { break }
                    try await Task.sleep(for: .milliseconds(10))
                }
                let responses = await runtime.posts(pathSuffix: "/response")
                #expect(await runtime.posts(pathSuffix: "/error").isEmpty, "no invocation may be a function error")
                try #require(responses.count == 4, "producer output:\n\(producer.output)")

                func answer(_ id: String) throws -> [String: Any] {
                    let post = try #require(responses.first { $0.path.contains("/\(id)/") })
                    return try #require(post.json)
                }
                #expect(try answer("good")["statusCode"] as? Int == 200)
                #expect(try answer("forged")["statusCode"] as? Int == 401)
                #expect(try answer("unsigned")["statusCode"] as? Int == 401)
                #expect(try answer("installation")["statusCode"] as? Int == 200)
                #expect((try answer("installation")["body"] as? String)?.contains("ignored") == true)

                // Exactly one message, byte for byte the webhook body, with the resource attribute.
                let messages = try await stack.sqsClient().receiveMessage(
                    queueURL: queueURL,
                    maxNumberOfMessages: 10,
                    messageAttributeNames: ["All"],
                    deadline: AWSDeadline.after(.seconds(5))
                )
                #expect(messages.count == 1)
                #expect(messages.first?.body == Self.body)
                #expect(messages.first?.messageAttributes.values.contains { $0.stringValue == "event_alert" } == true)
                #expect(producer.isRunning, "one process serves every invocation (warm container)")
                producer.stop()
                await runtime.stop()  // answers the pending long poll so the server shuts down at once
            }
        }
    }
}
