import AWSSigV4
import Foundation
import Testing

@testable import Emulator

/// Signatures are checked by default and refusals carry each protocol's own error.
@Suite struct AuthenticationTests {
    @Test func wrongSecretIsSignatureDoesNotMatch() async throws {
        var harness = try EmulatorHarness()
        harness.credentials = AWSCredentials(accessKeyID: "test", secretAccessKey: "wrong")
        let answer = await harness.call("AmazonSQS.ListQueues", [:])
        #expect(answer.status == 403)
        #expect(answer.errorType == "SignatureDoesNotMatch")
    }

    @Test func unknownAccessKeyIsInvalidClientTokenIdOrUnrecognizedClient() async throws {
        var harness = try EmulatorHarness()
        harness.credentials = AWSCredentials(accessKeyID: "AKIDNOBODY", secretAccessKey: "test")
        #expect(await harness.call("AmazonSQS.ListQueues", [:]).errorType == "InvalidClientTokenId")
        #expect(await harness.call("secretsmanager.ListSecrets", [:]).errorType == "UnrecognizedClientException")
    }

    @Test func skewOverFifteenMinutesIsRefusedWithEachServicesOwnCode() async throws {
        // SQS answers "Signature expired: … is now earlier than …" as SignatureDoesNotMatch (it used to be
        // RequestTimeTooSkewed here, which is S3's code), the JSON services as InvalidSignatureException.
        let harness = try EmulatorHarness()
        let answer = await harness.call("AmazonSQS.ListQueues", [:], date: Date().addingTimeInterval(-16 * 60))
        #expect(answer.errorType == "SignatureDoesNotMatch")
        let query = await harness.query([("Action", "ListQueues")])
        #expect(query.status == 200)
        let secrets = await harness.call("secretsmanager.ListSecrets", [:], date: Date().addingTimeInterval(16 * 60))
        #expect(secrets.errorType == "InvalidSignatureException")
    }

    @Test func aCredentialScopeForAnotherServiceOrRegionIsRefused() async throws {
        // Before, an s3 or eu-west-1 scope was accepted for SQS, STS and Secrets Manager alike.
        var harness = try EmulatorHarness()
        let wrongService = await harness.send(
            method: "POST",
            path: "/",
            query: "",
            service: "s3",
            headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "AmazonSQS.ListQueues")],
            body: Array("{}".utf8),
            signed: true,
            date: Date()
        )
        #expect(wrongService.status == 403 && wrongService.errorType == "SignatureDoesNotMatch")
        #expect(wrongService.text.contains("Credential should be scoped to correct service: 'sqs'"))
        harness.signingRegion = "eu-west-1"
        let sqs = await harness.call("AmazonSQS.ListQueues", [:])
        #expect(sqs.status == 403 && sqs.text.contains("Credential should be scoped to a valid region"))
        let secrets = await harness.call("secretsmanager.ListSecrets", [:])
        #expect(secrets.errorType == "InvalidSignatureException")
        let sts = await harness.query([("Action", "GetCallerIdentity"), ("Version", "2011-06-15")], service: "sts")
        #expect(sts.status == 403 && sts.text.contains("<Code>SignatureDoesNotMatch</Code>"))
    }

    @Test func theControlAPIAnswersLoopbackHostsOnlyAndNoForeignOriginMayChangeState() async throws {
        let harness = try EmulatorHarness()
        func admin(_ method: String, _ path: String, headers: [(String, String)]) async -> Int {
            await harness.emulator.respond(
                EmulatorRequest(method: method, path: path, query: "", headers: headers, body: [])
            ).status
        }
        #expect(await admin("GET", "/_devstack/health", headers: [("host", "127.0.0.1:4566")]) == 200)
        // DNS rebinding: the browser sends the attacker's own name as Host.
        #expect(await admin("GET", "/_devstack/health", headers: [("host", "rebind.evil.example:4566")]) == 403)
        #expect(await admin("GET", "/_devstack/queues", headers: []) == 403)
        // A cross-site form post carries the page's Origin.
        let reset = await admin(
            "POST",
            "/_devstack/reset",
            headers: [("host", "127.0.0.1:4566"), ("origin", "https://evil.example")]
        )
        #expect(reset == 403)
        let read = await admin(
            "GET",
            "/_devstack/health",
            headers: [("host", "localhost:4566"), ("origin", "https://evil.example")]
        )
        #expect(read == 200)
    }

    @Test func unsignedRequestIsRefusedUnlessAnySignatureIsAccepted() async throws {
        let strict = try EmulatorHarness()
        #expect(await strict.call("AmazonSQS.ListQueues", [:], signed: false).errorType == "MissingAuthenticationToken")
        let lax = try EmulatorHarness(acceptAnySignature: true)
        #expect(await lax.call("AmazonSQS.ListQueues", [:], signed: false).status == 200)
    }

    @Test func refusedRequestsChangeNothing() async throws {
        var harness = try EmulatorHarness()
        harness.credentials = AWSCredentials(accessKeyID: "test", secretAccessKey: "wrong")
        _ = await harness.call("AmazonSQS.CreateQueue", ["QueueName": "sneaky"])
        harness.credentials = AWSCredentials(accessKeyID: "test", secretAccessKey: "test")
        #expect(await harness.call("AmazonSQS.GetQueueUrl", ["QueueName": "sneaky"]).status == 400)
    }

    @Test func callerIdentityAnswersInBothProtocols() async throws {
        let harness = try EmulatorHarness()
        let json = await harness.call("AWSSecurityTokenServiceV20110615.GetCallerIdentity", [:])
        #expect(json.json["Account"] as? String == "000000000000")
        let xml = await harness.query([("Action", "GetCallerIdentity"), ("Version", "2011-06-15")], service: "sts")
        #expect(xml.text.contains("<Account>000000000000</Account>"))
        #expect(xml.text.contains("<UserId>test</UserId>"))
    }
}
