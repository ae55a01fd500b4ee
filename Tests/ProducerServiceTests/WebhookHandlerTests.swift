import Foundation
import ProducerService
import SentryAPI
import ServiceSupport
import Testing

@Suite struct WebhookHandlerTests {
    static let secret = "webhook-client-secret"
    static let alert = #"{"action":"triggered","data":{"event":{"event_id":"e1","issue_id":42,"title":"Boom"}}}"#

    let clock = ManualClock()

    func request(
        body: String = WebhookHandlerTests.alert,
        resource: String = "event_alert",
        secret: String = WebhookHandlerTests.secret,
        signatureHeader: String = "sentry-hook-signature",
        base64: Bool = false
    ) -> WebhookRequest {
        let signature = WebhookSignature.compute(body: Array(body.utf8), secret: secret)
        return WebhookRequest(
            headers: [
                signatureHeader: signature, "sentry-hook-resource": resource, "sentry-hook-timestamp": "1795900447",
                "request-id": "sentry-req-1", "content-type": "application/json",
            ],
            body: base64 ? Data(body.utf8).base64EncodedString() : body,
            isBase64Encoded: base64,
            requestID: "lambda-1"
        )
    }

    func handler(
        queue: FakeQueue,
        secrets: FakeSecrets = FakeSecrets(cached: WebhookHandlerTests.secret),
        configuration: ProducerConfiguration = ProducerConfiguration(queueURL: "http://127.0.0.1:1/000000000000/q")
    ) -> WebhookHandler {
        WebhookHandler(configuration: configuration, secrets: secrets, queue: queue, clock: clock)
    }

    @Test func aSignedEventAlertIsEnqueuedUnchangedWithItsAttributes() async throws {
        let queue = FakeQueue(clock: clock)
        let response = await handler(queue: queue).handle(request(), logger: LogCapture().logger)
        #expect(response.statusCode == 200)
        #expect(response.jsonBody == ["status": "queued", "messageId": "msg-1"])
        let sent = try #require(queue.sent.first)
        #expect(sent.body == Self.alert, "the body is enqueued byte for byte")
        #expect(
            sent.attributes == [
                "resource": "event_alert", "alert_type": "triggered", "request_id": "sentry-req-1",
                "hook_timestamp": "1795900447",
            ]
        )
    }

    @Test func headerNamesMatchWhateverTheirCaseAndTheAppSignatureIsAccepted() async {
        let queue = FakeQueue(clock: clock)
        var upper = request(signatureHeader: "Sentry-App-Signature")
        upper.headers["Sentry-Hook-Resource"] = upper.headers.removeValue(forKey: "sentry-hook-resource")
        let response = await handler(queue: queue).handle(upper, logger: LogCapture().logger)
        #expect(response.statusCode == 200)
        #expect(queue.sent.count == 1)
    }

    @Test func aBase64BodyIsDecodedBeforeVerifying() async throws {
        let queue = FakeQueue(clock: clock)
        let response = await handler(queue: queue).handle(request(base64: true), logger: LogCapture().logger)
        #expect(response.statusCode == 200)
        #expect(queue.sent.first?.body == Self.alert)
    }

    @Test func aMissingSignatureIs401JSONAndNothingIsEnqueued() async {
        let queue = FakeQueue(clock: clock)
        var unsigned = request()
        unsigned.headers.removeValue(forKey: "sentry-hook-signature")
        let response = await handler(queue: queue).handle(unsigned, logger: LogCapture().logger)
        #expect(response.statusCode == 401)
        #expect(response.jsonBody["error"] == "invalid_signature")
        #expect(response.headers["content-type"] == "application/json")
        #expect(queue.calls == 0)
    }

    @Test func aWrongSignatureRefetchesTheSecretOnceThenAnswers401() async {
        let queue = FakeQueue(clock: clock)
        let secrets = FakeSecrets(cached: Self.secret)
        let response = await handler(queue: queue, secrets: secrets).handle(
            request(secret: "stranger"),
            logger: LogCapture().logger
        )
        #expect(response.statusCode == 401)
        #expect(secrets.refreshes == 1)
        #expect(queue.calls == 0)
    }

    @Test func aRotatedSecretIsPickedUpByTheRefetch() async {
        let queue = FakeQueue(clock: clock)
        let secrets = FakeSecrets(cached: "old-secret", fresh: "new-secret")
        let response = await handler(queue: queue, secrets: secrets).handle(
            request(secret: "new-secret"),
            logger: LogCapture().logger
        )
        #expect(response.statusCode == 200)
        #expect(secrets.refreshes == 1)
    }

    @Test func anOversizedBodyIs413() async {
        let queue = FakeQueue(clock: clock)
        let config = ProducerConfiguration(queueURL: "http://q", maxBodyBytes: 1_024)
        let big = #"{"pad":""# + String(repeating: "x", count: 2_000) + #""}"#
        let response = await handler(queue: queue, configuration: config).handle(
            request(body: big),
            logger: LogCapture().logger
        )
        #expect(response.statusCode == 413)
        #expect(queue.calls == 0)
    }

    @Test func aSignedBodyThatIsNotJSONIs400() async {
        let queue = FakeQueue(clock: clock)
        let response = await handler(queue: queue).handle(request(body: "hello=world"), logger: LogCapture().logger)
        #expect(response.statusCode == 400)
        #expect(response.jsonBody["error"] == "invalid_json")
        #expect(queue.calls == 0)
    }

    @Test(arguments: ["installation", "issue", "metric_alert", "comment", "error"])
    func otherResourcesAreAcknowledgedButNotEnqueued(resource: String) async {
        let queue = FakeQueue(clock: clock)
        let response = await handler(queue: queue).handle(request(resource: resource), logger: LogCapture().logger)
        #expect(response.statusCode == 200)
        #expect(response.jsonBody["status"] == "ignored")
        #expect(response.jsonBody["resource"] == resource)
        #expect(queue.calls == 0)
    }

    @Test func theAcceptedResourcesAreConfiguration() async throws {
        let queue = FakeQueue(clock: clock)
        let config = try ProducerConfiguration(environment: [
            "QUEUE_URL": "http://127.0.0.1:9/q", "ACCEPTED_RESOURCES": "event_alert,metric_alert",
        ])
        let response = await handler(queue: queue, configuration: config).handle(
            request(resource: "metric_alert"),
            logger: LogCapture().logger
        )
        #expect(response.statusCode == 200)
        #expect(queue.sent.first?.attributes["resource"] == "metric_alert")
    }

    @Test func sqsTroubleIsRetriedWithinTheBudget() async {
        let queue = FakeQueue(failures: 2, clock: clock)
        let response = await handler(queue: queue).handle(request(), logger: LogCapture().logger)
        #expect(response.statusCode == 200)
        #expect(queue.calls == 3)
        #expect(response.jsonBody["messageId"] == "msg-3")
    }

    @Test func whenTheBudgetRunsOutTheAnswerIs503WithOneReplayLine() async throws {
        let queue = FakeQueue(failures: 100, latency: .milliseconds(300), clock: clock)
        let logs = LogCapture()
        let start = clock.now()
        let response = await handler(queue: queue).handle(request(), logger: logs.logger)
        #expect(response.statusCode == 503)
        #expect(queue.calls >= 2 && queue.calls <= 3, "attempts stop at the ~800 ms budget, got \(queue.calls)")
        #expect(clock.now().timeIntervalSince(start) < 1.0, "the answer leaves before Sentry's 1 s")
        let replays = logs.objects.filter { $0["step"] as? String == "replay" }
        #expect(replays.count == 1)
        let replay = try #require(replays.first?["replay"] as? [String: Any])
        let body = try #require(replay["body_base64"] as? String)
        #expect(Data(base64Encoded: body) == Data(Self.alert.utf8))
        let headers = try #require(replay["headers"] as? [String: String])
        #expect(headers["sentry-hook-resource"] == "event_alert")
        #expect(headers["sentry-hook-signature"] != nil)
        #expect(!logs.all.contains(Self.secret), "the client secret never reaches the logs")
    }

    @Test func secretsTroubleIs503WithAReplayLine() async {
        let queue = FakeQueue(clock: clock)
        let logs = LogCapture()
        let response = await handler(queue: queue, secrets: FakeSecrets(cached: nil)).handle(
            request(),
            logger: logs.logger
        )
        #expect(response.statusCode == 503)
        #expect(logs.objects.filter { $0["step"] as? String == "replay" }.count == 1)
        #expect(queue.calls == 0)
    }

    @Test func developmentModeSkipsVerificationLoudly() async throws {
        let queue = FakeQueue(clock: clock)
        let logs = LogCapture()
        let config = try ProducerConfiguration(environment: [
            "QUEUE_URL": "http://127.0.0.1:9/q", "DEVELOPMENT": "true",
        ])
        var unsigned = request()
        unsigned.headers.removeValue(forKey: "sentry-hook-signature")
        let response = await handler(queue: queue, secrets: FakeSecrets(cached: nil), configuration: config).handle(
            unsigned,
            logger: logs.logger
        )
        #expect(response.statusCode == 200)
        #expect(
            logs.objects.contains {
                $0["level"] as? String == "warning" && ($0["message"] as? String)?.contains("NOT verified") == true
            }
        )
    }

    @Test func onlyPOSTIsAccepted() async {
        let queue = FakeQueue(clock: clock)
        var get = request()
        get.method = "GET"
        let response = await handler(queue: queue).handle(get, logger: LogCapture().logger)
        #expect(response.statusCode == 405)
        #expect(queue.calls == 0)
    }
}

@Suite struct ProducerConfigurationTests {
    @Test func defaultsApply() throws {
        let config = try ProducerConfiguration(environment: [
            "QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/123456789012/q"
        ])
        #expect(config.secretName == "Sentry_Asana_Secrets")
        #expect(config.acceptedResources == ["event_alert"])
        #expect(config.development == false)
        #expect(config.enqueueBudget == .milliseconds(800))
    }

    @Test func badConfigurationIsAClearInitError() {
        #expect(throws: ConfigurationError(variable: "QUEUE_URL", problem: "is required")) {
            try ProducerConfiguration(environment: [:])
        }
        #expect(throws: ConfigurationError.self) {
            try ProducerConfiguration(environment: [
                "QUEUE_URL": "http://q.test/1", "ACCEPTED_RESOURCES": "event_alert,bogus",
            ])
        }
        #expect(throws: ConfigurationError.self) {
            try ProducerConfiguration(environment: ["QUEUE_URL": "http://q.test/1", "DEVELOPMENT": "sure"])
        }
    }
}
