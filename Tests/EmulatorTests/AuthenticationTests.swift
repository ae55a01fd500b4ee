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

    @Test func skewOverFifteenMinutesIsRefused() async throws {
        let harness = try EmulatorHarness()
        let answer = await harness.call("AmazonSQS.ListQueues", [:], date: Date().addingTimeInterval(-16 * 60))
        #expect(answer.errorType == "RequestTimeTooSkewed")
        let secrets = await harness.call("secretsmanager.ListSecrets", [:], date: Date().addingTimeInterval(16 * 60))
        #expect(secrets.errorType == "InvalidSignatureException")
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
