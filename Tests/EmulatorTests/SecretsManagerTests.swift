import Foundation
import Testing

@testable import Emulator

@Suite struct SecretsManagerTests {
    @Test func versionsRotateThroughCurrentAndPrevious() async throws {
        let harness = try EmulatorHarness()
        let created = await harness.call(
            "secretsmanager.CreateSecret",
            ["Name": "Sentry_Asana_Secrets", "SecretString": "{\"a\":1}"]
        )
        let arn = try #require(created.json["ARN"] as? String)
        #expect(arn.hasPrefix("arn:aws:secretsmanager:us-east-1:000000000000:secret:Sentry_Asana_Secrets-"))
        #expect(arn.count == "arn:aws:secretsmanager:us-east-1:000000000000:secret:Sentry_Asana_Secrets-".count + 6)
        let firstVersion = try #require(created.json["VersionId"] as? String)
        _ = await harness.call("secretsmanager.PutSecretValue", ["SecretId": arn, "SecretString": "{\"a\":2}"])
        let current = await harness.call("secretsmanager.GetSecretValue", ["SecretId": "Sentry_Asana_Secrets"])
        #expect(current.json["SecretString"] as? String == "{\"a\":2}")
        let previous = await harness.call(
            "secretsmanager.GetSecretValue",
            ["SecretId": "Sentry_Asana_Secrets", "VersionStage": "AWSPREVIOUS"]
        )
        #expect(previous.json["VersionId"] as? String == firstVersion)
        let byID = await harness.call(
            "secretsmanager.GetSecretValue",
            ["SecretId": "Sentry_Asana_Secrets", "VersionId": firstVersion]
        )
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
        #expect(
            await harness.call("secretsmanager.CreateSecret", ["Name": "s", "SecretString": "v"]).errorType
                == "ResourceExistsException"
        )
        let both = await harness.call(
            "secretsmanager.CreateSecret",
            ["Name": "t", "SecretString": "v", "SecretBinary": "AA=="]
        )
        #expect(both.errorType == "InvalidParameterException")
    }

    @Test func deletionIsScheduledRestorableOrForced() async throws {
        let harness = try EmulatorHarness(virtualClock: true)
        _ = await harness.call("secretsmanager.CreateSecret", ["Name": "s", "SecretString": "v"])
        let deleted = await harness.call("secretsmanager.DeleteSecret", ["SecretId": "s", "RecoveryWindowInDays": 7])
        #expect(deleted.json["DeletionDate"] != nil)
        #expect(
            await harness.call("secretsmanager.GetSecretValue", ["SecretId": "s"]).errorType
                == "InvalidRequestException"
        )
        let listed = await harness.call("secretsmanager.ListSecrets", [:])
        #expect((listed.json["SecretList"] as? [Any])?.count == 0, "a secret scheduled for deletion is not listed")
        _ = await harness.call("secretsmanager.RestoreSecret", ["SecretId": "s"])
        #expect(
            await harness.call("secretsmanager.GetSecretValue", ["SecretId": "s"]).json["SecretString"] as? String
                == "v"
        )
        _ = await harness.call("secretsmanager.DeleteSecret", ["SecretId": "s"])
        await harness.advance(31 * 86_400)
        #expect(
            await harness.call("secretsmanager.DescribeSecret", ["SecretId": "s"]).errorType
                == "ResourceNotFoundException"
        )
        _ = await harness.call("secretsmanager.CreateSecret", ["Name": "f", "SecretString": "v"])
        let conflicting = await harness.call(
            "secretsmanager.DeleteSecret",
            ["SecretId": "f", "ForceDeleteWithoutRecovery": true, "RecoveryWindowInDays": 7]
        )
        #expect(conflicting.errorType == "InvalidParameterException")
        _ = await harness.call("secretsmanager.DeleteSecret", ["SecretId": "f", "ForceDeleteWithoutRecovery": true])
        #expect(
            await harness.call("secretsmanager.CreateSecret", ["Name": "f", "SecretString": "again"]).status == 200
        )
    }

    @Test func versionsThatLoseEveryLabelAreDeprecatedNotDeleted() async throws {
        let harness = try EmulatorHarness()
        let first = try #require(
            await harness.call("secretsmanager.CreateSecret", ["Name": "s", "SecretString": "1"]).json["VersionId"]
                as? String
        )
        _ = await harness.call("secretsmanager.PutSecretValue", ["SecretId": "s", "SecretString": "2"])
        _ = await harness.call("secretsmanager.PutSecretValue", ["SecretId": "s", "SecretString": "3"])
        let old = await harness.call("secretsmanager.GetSecretValue", ["SecretId": "s", "VersionId": first])
        #expect(old.json["SecretString"] as? String == "1", "a deprecated version stays readable by its id")
        #expect((old.json["VersionStages"] as? [String])?.isEmpty == true)
        let stages = await harness.call("secretsmanager.DescribeSecret", ["SecretId": "s"]).json["VersionIdsToStages"]
        #expect((stages as? [String: [String]])?.count == 2, "VersionIdsToStages lists labelled versions only")
        let labelled = await harness.call("secretsmanager.ListSecretVersionIds", ["SecretId": "s"])
        #expect((labelled.json["Versions"] as? [Any])?.count == 2)
        let all = await harness.call(
            "secretsmanager.ListSecretVersionIds",
            ["SecretId": "s", "IncludeDeprecated": true]
        )
        let ids = (all.json["Versions"] as? [[String: Any]] ?? []).compactMap { $0["VersionId"] as? String }
        #expect(ids.count == 3 && ids.last == first, "newest first, the deprecated one included: \(ids)")
    }

    @Test func aRepeatedTokenIsIdempotentAndAChangedValueUnderItIsRefused() async throws {
        let harness = try EmulatorHarness()
        _ = await harness.call("secretsmanager.CreateSecret", ["Name": "s", "SecretString": "1"])
        let token = String(repeating: "a", count: 32)
        let update = ["SecretId": "s", "SecretString": "2", "ClientRequestToken": token]
        #expect(await harness.call("secretsmanager.UpdateSecret", update).json["VersionId"] as? String == token)
        #expect(await harness.call("secretsmanager.UpdateSecret", update).status == 200, "the same request again")
        let versions = await harness.call(
            "secretsmanager.ListSecretVersionIds",
            ["SecretId": "s", "IncludeDeprecated": true]
        )
        #expect((versions.json["Versions"] as? [Any])?.count == 2, "the repeat added no version")
        let changed = await harness.call(
            "secretsmanager.PutSecretValue",
            ["SecretId": "s", "SecretString": "3", "ClientRequestToken": token]
        )
        #expect(changed.errorType == "ResourceExistsException")
        let short = await harness.call(
            "secretsmanager.PutSecretValue",
            ["SecretId": "s", "SecretString": "3", "ClientRequestToken": "short"]
        )
        #expect(short.errorType == "InvalidParameterException")
        #expect(
            await harness.call("secretsmanager.GetSecretValue", ["SecretId": "s"]).json["SecretString"] as? String
                == "2"
        )
    }

    @Test func listingChecksItsParameters() async throws {
        let harness = try EmulatorHarness()
        for name in ["b", "a", "c"] {
            _ = await harness.call("secretsmanager.CreateSecret", ["Name": name, "SecretString": "v"])
        }
        let descending = await harness.call("secretsmanager.ListSecrets", ["SortOrder": "desc"])
        let names = (descending.json["SecretList"] as? [[String: Any]] ?? []).compactMap { $0["Name"] as? String }
        #expect(names == ["c", "b", "a"])
        // Values outside the model's enums are refused by AWS's request validation, not by the service.
        #expect(
            await harness.call("secretsmanager.ListSecrets", ["SortOrder": "up"]).errorType
                == "ValidationException"
        )
        let badFilter = await harness.call(
            "secretsmanager.ListSecrets",
            ["Filters": [["Key": "colour", "Values": ["x"]]]]
        )
        #expect(badFilter.errorType == "ValidationException")
        #expect(
            await harness.call("secretsmanager.ListSecrets", ["NextToken": "x"]).errorType
                == "InvalidNextTokenException"
        )
        let window = await harness.call("secretsmanager.DeleteSecret", ["SecretId": "a", "RecoveryWindowInDays": 3])
        #expect(window.errorType == "InvalidParameterException", "the recovery window is 7 to 30 days")
        #expect(
            await harness.call("secretsmanager.GetSecretValue", ["SecretId": "a"]).status == 200,
            "and nothing was deleted"
        )
    }
}
