import Foundation
import Testing

@testable import Emulator

@Suite struct SecretsManagerTests {
    @Test func versionsRotateThroughCurrentAndPrevious() async throws {
        let harness = try EmulatorHarness()
        let created = await harness.call("secretsmanager.CreateSecret", ["Name": "Sentry_Asana_Secrets", "SecretString": "{\"a\":1}"])
        let arn = try #require(created.json["ARN"] as? String)
        #expect(arn.hasPrefix("arn:aws:secretsmanager:us-east-1:000000000000:secret:Sentry_Asana_Secrets-"))
        #expect(arn.count == "arn:aws:secretsmanager:us-east-1:000000000000:secret:Sentry_Asana_Secrets-".count + 6)
        let firstVersion = try #require(created.json["VersionId"] as? String)
        _ = await harness.call("secretsmanager.PutSecretValue", ["SecretId": arn, "SecretString": "{\"a\":2}"])
        let current = await harness.call("secretsmanager.GetSecretValue", ["SecretId": "Sentry_Asana_Secrets"])
        #expect(current.json["SecretString"] as? String == "{\"a\":2}")
        let previous = await harness.call("secretsmanager.GetSecretValue", ["SecretId": "Sentry_Asana_Secrets", "VersionStage": "AWSPREVIOUS"])
        #expect(previous.json["VersionId"] as? String == firstVersion)
        let byID = await harness.call("secretsmanager.GetSecretValue", ["SecretId": "Sentry_Asana_Secrets", "VersionId": firstVersion])
        #expect(byID.json["SecretString"] as? String == "{\"a\":1}")
        let described = await harness.call("secretsmanager.DescribeSecret", ["SecretId": "Sentry_Asana_Secrets"])
        #expect((described.json["VersionIdsToStages"] as? [String: [String]])?.count == 2)
    }

    @Test func errorsUseSecretsManagerCodes() async throws {
        let harness = try EmulatorHarness()
        let missing = await harness.call("secretsmanager.GetSecretValue", ["SecretId": "nope"])
        #expect(missing.status == 400)
        #expect(missing.errorType == "ResourceNotFoundException")
        _ = await harness.call("secretsmanager.CreateSecret", ["Name": "s", "SecretString": "v"])
        #expect(await harness.call("secretsmanager.CreateSecret", ["Name": "s", "SecretString": "v"]).errorType == "ResourceExistsException")
        let both = await harness.call("secretsmanager.CreateSecret", ["Name": "t", "SecretString": "v", "SecretBinary": "AA=="])
        #expect(both.errorType == "InvalidParameterException")
    }

    @Test func deletionIsScheduledRestorableOrForced() async throws {
        let harness = try EmulatorHarness(virtualClock: true)
        _ = await harness.call("secretsmanager.CreateSecret", ["Name": "s", "SecretString": "v"])
        let deleted = await harness.call("secretsmanager.DeleteSecret", ["SecretId": "s", "RecoveryWindowInDays": 7])
        #expect(deleted.json["DeletionDate"] != nil)
        #expect(await harness.call("secretsmanager.GetSecretValue", ["SecretId": "s"]).errorType == "InvalidRequestException")
        let listed = await harness.call("secretsmanager.ListSecrets", [:])
        #expect((listed.json["SecretList"] as? [Any])?.count == 0, "a secret scheduled for deletion is not listed")
        _ = await harness.call("secretsmanager.RestoreSecret", ["SecretId": "s"])
        #expect(await harness.call("secretsmanager.GetSecretValue", ["SecretId": "s"]).json["SecretString"] as? String == "v")
        _ = await harness.call("secretsmanager.DeleteSecret", ["SecretId": "s"])
        await harness.advance(31 * 86_400)
        #expect(await harness.call("secretsmanager.DescribeSecret", ["SecretId": "s"]).errorType == "ResourceNotFoundException")
        _ = await harness.call("secretsmanager.CreateSecret", ["Name": "f", "SecretString": "v"])
        let conflicting = await harness.call("secretsmanager.DeleteSecret", ["SecretId": "f", "ForceDeleteWithoutRecovery": true, "RecoveryWindowInDays": 7])
        #expect(conflicting.errorType == "InvalidParameterException")
        _ = await harness.call("secretsmanager.DeleteSecret", ["SecretId": "f", "ForceDeleteWithoutRecovery": true])
        #expect(await harness.call("secretsmanager.CreateSecret", ["Name": "f", "SecretString": "again"]).status == 200)
    }
}
