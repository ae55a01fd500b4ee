import Foundation
import Testing

@testable import Emulator

/// The operations of issue 15 beyond the basics: random passwords, batches, resource policies, staging labels
/// moved by hand, replicas, ListSecrets' filters and ordering, token reuse, and the new state across a restart.
@Suite struct SecretsManagerAPITests {
    func call(_ harness: EmulatorHarness, _ operation: String, _ input: [String: Any]) async -> EmulatorHarness.Answer {
        await harness.call("secretsmanager.\(operation)", input)
    }

    @Test func randomPasswordsFollowTheirParameters() async throws {
        let harness = try EmulatorHarness()
        let plain = try #require(await call(harness, "GetRandomPassword", [:]).json["RandomPassword"] as? String)
        #expect(plain.count == 32)
        for _ in 0..<20 {
            let password = try #require(
                await call(harness, "GetRandomPassword", ["PasswordLength": 4]).json["RandomPassword"] as? String
            )
            #expect(password.contains { $0.isLowercase } && password.contains { $0.isUppercase })
            #expect(password.contains { $0.isNumber } && password.contains { $0.isPunctuation || $0.isSymbol })
        }
        let restricted = try #require(
            await call(
                harness,
                "GetRandomPassword",
                [
                    "PasswordLength": 200, "ExcludePunctuation": true, "ExcludeUppercase": true,
                    "ExcludeCharacters": "abc0", "IncludeSpace": true,
                ]
            ).json["RandomPassword"] as? String
        )
        #expect(restricted.count == 200)
        #expect(restricted.allSatisfy { ($0.isLowercase || $0.isNumber || $0 == " ") && !"abc0".contains($0) })
        let digits = await call(
            harness,
            "GetRandomPassword",
            ["ExcludeLowercase": true, "ExcludeUppercase": true, "ExcludePunctuation": true]
        )
        #expect((digits.json["RandomPassword"] as? String)?.allSatisfy(\.isNumber) == true)
        #expect(await call(harness, "GetRandomPassword", ["PasswordLength": 4097]).errorType == "ValidationException")
        #expect(await call(harness, "GetRandomPassword", ["PasswordLength": 0]).errorType == "ValidationException")
        let nothingLeft = await call(
            harness,
            "GetRandomPassword",
            ["ExcludeLowercase": true, "ExcludeUppercase": true, "ExcludePunctuation": true, "ExcludeNumbers": true]
        )
        #expect(nothingLeft.errorType == "InvalidParameterException")
        let tooShort = await call(harness, "GetRandomPassword", ["PasswordLength": 3])
        #expect(tooShort.errorType == "InvalidParameterException", "four types required in three characters")
        #expect(
            await call(harness, "GetRandomPassword", ["PasswordLength": 3, "RequireEachIncludedType": false]).status
                == 200
        )
    }

    @Test func batchesReadByIdsOrFiltersAndReportTheSecretsTheyCannotRead() async throws {
        let harness = try EmulatorHarness()
        for index in 0..<3 {
            _ = await call(harness, "CreateSecret", ["Name": "batch/\(index)", "SecretString": "v\(index)"])
        }
        _ = await call(harness, "CreateSecret", ["Name": "batch/empty"])
        _ = await call(harness, "CreateSecret", ["Name": "gone", "SecretString": "x"])
        _ = await call(harness, "DeleteSecret", ["SecretId": "gone"])
        let byID = await call(harness, "BatchGetSecretValue", ["SecretIdList": ["batch/0", "batch/2", "nope", "gone"]])
        let values = byID.json["SecretValues"] as? [[String: Any]] ?? []
        #expect(values.compactMap { $0["SecretString"] as? String } == ["v0", "v2"])
        #expect(values.allSatisfy { ($0["VersionStages"] as? [String]) == ["AWSCURRENT"] && $0["VersionId"] != nil })
        let errors = byID.json["Errors"] as? [[String: Any]] ?? []
        #expect(errors.map { $0["SecretId"] as? String ?? "" } == ["nope", "gone"])
        #expect(
            errors.map { $0["ErrorCode"] as? String ?? "" } == ["ResourceNotFoundException", "InvalidRequestException"]
        )
        let filtered = await call(
            harness,
            "BatchGetSecretValue",
            ["Filters": [["Key": "name", "Values": ["batch/"]]], "MaxResults": 2]
        )
        #expect((filtered.json["SecretValues"] as? [Any])?.count == 2)
        let token = try #require(filtered.json["NextToken"] as? String)
        let rest = await call(
            harness,
            "BatchGetSecretValue",
            ["Filters": [["Key": "name", "Values": ["batch/"]]], "MaxResults": 2, "NextToken": token]
        )
        #expect((rest.json["SecretValues"] as? [[String: Any]])?.first?["Name"] as? String == "batch/2")
        #expect(
            (rest.json["Errors"] as? [[String: Any]])?.first?["SecretId"] as? String != nil,
            "the secret without a value is an error entry"
        )
        #expect(rest.json["NextToken"] == nil)
        #expect(await call(harness, "BatchGetSecretValue", [:]).errorType == "InvalidParameterException")
        let both = await call(
            harness,
            "BatchGetSecretValue",
            ["SecretIdList": ["batch/0"], "Filters": [["Key": "name", "Values": ["b"]]]]
        )
        #expect(both.errorType == "InvalidParameterException")
        let tooMany = await call(harness, "BatchGetSecretValue", ["SecretIdList": (0..<21).map { "s\($0)" }])
        #expect(tooMany.errorType == "ValidationException")
        let pagedIDs = await call(harness, "BatchGetSecretValue", ["SecretIdList": ["batch/0"], "MaxResults": 1])
        #expect(pagedIDs.errorType == "InvalidParameterException", "MaxResults goes with Filters only")
    }

    @Test func resourcePoliciesAreStoredValidatedAndPublicOnesBlocked() async throws {
        let harness = try EmulatorHarness()
        _ = await call(harness, "CreateSecret", ["Name": "s", "SecretString": "v"])
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#
        let open =
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"secretsmanager:*","Resource":"*"}}"#
        #expect(await call(harness, "GetResourcePolicy", ["SecretId": "s"]).json["ResourcePolicy"] == nil)
        #expect(await call(harness, "PutResourcePolicy", ["SecretId": "s", "ResourcePolicy": policy]).status == 200)
        #expect(await call(harness, "GetResourcePolicy", ["SecretId": "s"]).json["ResourcePolicy"] as? String == policy)
        let blocked = await call(
            harness,
            "PutResourcePolicy",
            ["SecretId": "s", "ResourcePolicy": open, "BlockPublicPolicy": true]
        )
        #expect(blocked.errorType == "PublicPolicyException")
        #expect(await call(harness, "GetResourcePolicy", ["SecretId": "s"]).json["ResourcePolicy"] as? String == policy)
        let malformed = await call(harness, "PutResourcePolicy", ["SecretId": "s", "ResourcePolicy": "{nope"])
        #expect(malformed.errorType == "MalformedPolicyDocumentException")
        let notAPolicy = await call(harness, "PutResourcePolicy", ["SecretId": "s", "ResourcePolicy": "{}"])
        #expect(notAPolicy.errorType == "MalformedPolicyDocumentException")
        let valid = await call(harness, "ValidateResourcePolicy", ["SecretId": "s", "ResourcePolicy": policy])
        #expect(valid.json["PolicyValidationPassed"] as? Bool == true)
        #expect((valid.json["ValidationErrors"] as? [Any])?.isEmpty == true)
        let broad = await call(harness, "ValidateResourcePolicy", ["ResourcePolicy": open])
        #expect(broad.json["PolicyValidationPassed"] as? Bool == false)
        #expect((broad.json["ValidationErrors"] as? [[String: Any]])?.first?["CheckName"] != nil)
        #expect(
            await call(harness, "ValidateResourcePolicy", ["ResourcePolicy": "[1"]).errorType
                == "MalformedPolicyDocumentException"
        )
        #expect(await call(harness, "DeleteResourcePolicy", ["SecretId": "s"]).status == 200)
        #expect(await call(harness, "GetResourcePolicy", ["SecretId": "s"]).json["ResourcePolicy"] == nil)
    }

    @Test func stagingLabelsMoveAsAWSDocuments() async throws {
        let harness = try EmulatorHarness()
        let first = try #require(
            await call(harness, "CreateSecret", ["Name": "s", "SecretString": "1"]).json["VersionId"] as? String
        )
        let second = try #require(
            await call(harness, "PutSecretValue", ["SecretId": "s", "SecretString": "2", "VersionStages": ["STAGED"]])
                .json["VersionId"] as? String
        )
        let refused = await call(
            harness,
            "UpdateSecretVersionStage",
            ["SecretId": "s", "VersionStage": "AWSCURRENT", "MoveToVersionId": second]
        )
        #expect(refused.errorType == "InvalidParameterException")
        #expect(
            refused.json["Message"] as? String
                == "The parameter RemoveFromVersionId can't be empty. Staging label AWSCURRENT is currently attached "
                + "to version \(first), so you must explicitly reference that version in RemoveFromVersionId."
        )
        let moved = await call(
            harness,
            "UpdateSecretVersionStage",
            ["SecretId": "s", "VersionStage": "AWSCURRENT", "MoveToVersionId": second, "RemoveFromVersionId": first]
        )
        #expect(moved.status == 200)
        let stages = await call(harness, "DescribeSecret", ["SecretId": "s"]).json["VersionIdsToStages"]
        #expect(stages as? [String: [String]] == [first: ["AWSPREVIOUS"], second: ["STAGED", "AWSCURRENT"]])
        let removed = await call(
            harness,
            "UpdateSecretVersionStage",
            ["SecretId": "s", "VersionStage": "STAGED", "RemoveFromVersionId": second]
        )
        #expect(removed.status == 200)
        let wrongHolder = await call(
            harness,
            "UpdateSecretVersionStage",
            ["SecretId": "s", "VersionStage": "AWSPREVIOUS", "RemoveFromVersionId": second]
        )
        #expect(wrongHolder.errorType == "InvalidParameterException")
        let unknown = await call(
            harness,
            "UpdateSecretVersionStage",
            ["SecretId": "s", "VersionStage": "X", "MoveToVersionId": String(repeating: "f", count: 32)]
        )
        #expect(unknown.errorType == "ResourceNotFoundException")
        let current = await call(
            harness,
            "UpdateSecretVersionStage",
            ["SecretId": "s", "VersionStage": "AWSCURRENT", "RemoveFromVersionId": second]
        )
        #expect(current.errorType == "InvalidParameterException", "AWSCURRENT is moved, never just removed")
        #expect(await call(harness, "GetSecretValue", ["SecretId": "s"]).json["SecretString"] as? String == "2")
    }

    @Test func replicasAreRecordedAndReportedButRefusedWhereAWSRefusesThem() async throws {
        let harness = try EmulatorHarness()
        let created = await call(
            harness,
            "CreateSecret",
            ["Name": "s", "SecretString": "v", "AddReplicaRegions": [["Region": "eu-west-1"]]]
        )
        let arn = try #require(created.json["ARN"] as? String)
        #expect((created.json["ReplicationStatus"] as? [[String: Any]])?.first?["Status"] as? String == "InSync")
        let added = await call(
            harness,
            "ReplicateSecretToRegions",
            ["SecretId": "s", "AddReplicaRegions": [["Region": "us-west-2", "KmsKeyId": "alias/mine"]]]
        )
        #expect(
            (added.json["ReplicationStatus"] as? [[String: Any]])?.map { $0["Region"] as? String } == [
                "eu-west-1", "us-west-2",
            ]
        )
        let described = await call(harness, "DescribeSecret", ["SecretId": "s"])
        #expect(described.json["PrimaryRegion"] as? String == "us-east-1")
        #expect((described.json["ReplicationStatus"] as? [Any])?.count == 2)
        for (input, code) in [
            (["SecretId": "s", "AddReplicaRegions": [["Region": "us-west-2"]]], "InvalidParameterException"),
            (["SecretId": "s", "AddReplicaRegions": [["Region": "us-east-1"]]], "InvalidParameterException"),
            (["SecretId": "s", "AddReplicaRegions": [["Region": "Mars"]]], "ValidationException"),
        ] as [([String: Any], String)] {
            #expect(await call(harness, "ReplicateSecretToRegions", input).errorType == code, "\(input)")
        }
        let listed = await call(
            harness,
            "ListSecrets",
            ["Filters": [["Key": "primary-region", "Values": ["us-east"]]]]
        )
        #expect((listed.json["SecretList"] as? [Any])?.count == 1)
        let removed = await call(
            harness,
            "RemoveRegionsFromReplication",
            ["SecretId": "s", "RemoveReplicaRegions": ["eu-west-1"]]
        )
        #expect((removed.json["ReplicationStatus"] as? [[String: Any]])?.count == 1)
        #expect(
            await call(
                harness,
                "RemoveRegionsFromReplication",
                ["SecretId": "s", "RemoveReplicaRegions": ["eu-west-1"]]
            )
            .errorType == "InvalidParameterException"
        )
        #expect(
            await call(harness, "StopReplicationToReplica", ["SecretId": "s"]).errorType == "InvalidRequestException"
        )
        let replicaARN = arn.replacingOccurrences(of: ":us-east-1:", with: ":us-west-2:")
        let stopped = await call(harness, "StopReplicationToReplica", ["SecretId": replicaARN])
        #expect(stopped.json["ARN"] as? String == replicaARN)
        #expect(await call(harness, "DescribeSecret", ["SecretId": "s"]).json["ReplicationStatus"] == nil)
    }

    @Test func listFiltersMatchWordsNegateAndCombineAsAWSDoes() async throws {
        let harness = try EmulatorHarness()
        let secrets: [(String, String)] = [
            ("foo", "one two"), ("bar", "one and two"), ("baz", "one"), ("qux", "two"), ("none", "unrelated"),
        ]
        for (name, description) in secrets {
            _ = await call(harness, "CreateSecret", ["Name": name, "SecretString": "v", "Description": description])
        }
        _ = await call(
            harness,
            "CreateSecret",
            ["Name": "prod/AppBeta", "SecretString": "v", "Tags": [["Key": "team", "Value": "Core"]]]
        )
        func names(_ filters: [[String: Any]]) async -> [String] {
            let answer = await call(harness, "ListSecrets", ["Filters": filters, "SortBy": "name"])
            return (answer.json["SecretList"] as? [[String: Any]] ?? []).compactMap { $0["Name"] as? String }
        }
        #expect(await names([["Key": "description", "Values": ["one two"]]]) == ["bar", "foo"])
        #expect(await names([["Key": "description", "Values": ["O T"]]]) == ["bar", "foo"], "words, any case")
        #expect(await names([["Key": "description", "Values": ["!o"]]]) == ["none", "prod/AppBeta", "qux"])
        #expect(
            await names([["Key": "description", "Values": ["one"]], ["Key": "description", "Values": ["two"]]]) == [
                "bar", "foo",
            ]
        )
        #expect(await names([["Key": "name", "Values": ["ba", "qu"]]]) == ["bar", "baz", "qux"], "values OR'd")
        #expect(await names([["Key": "name", "Values": ["Ba"]]]) == [], "name is case-sensitive")
        #expect(await names([["Key": "all", "Values": ["beta"]]]) == ["prod/AppBeta"], "all splits AppBeta")
        #expect(await names([["Key": "all", "Values": ["AppBeta"]]]) == ["prod/AppBeta"], "and the value too")
        #expect(await names([["Key": "all", "Values": ["core"]]]) == ["prod/AppBeta"], "all searches tag values")
        #expect(await names([["Key": "all", "Values": ["ppBeta"]]]) == [])
        #expect(await names([["Key": "tag-key", "Values": ["!team"]]]).count == 5)
        #expect(await names([["Key": "owning-service", "Values": ["rds"]]]) == [])
        let badKey = await call(harness, "ListSecrets", ["Filters": [["Key": "colour", "Values": ["x"]]]])
        #expect(badKey.errorType == "ValidationException")
        #expect(
            (badKey.json["Message"] as? String)?.hasPrefix(
                "1 validation error detected: Value 'colour' at 'filters.1.member.key' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [all, name, tag-key, description, tag-value"
            ) == true
        )
        let noValues = await call(harness, "ListSecrets", ["Filters": [["Key": "name"]]])
        #expect(noValues.errorType == "InvalidParameterException")
        #expect(
            (noValues.json["Message"] as? String)
                == "Invalid filter values for key: name"
        )
        let badValue = await call(harness, "ListSecrets", ["Filters": [["Key": "name", "Values": ["a*"]]]])
        #expect(badValue.errorType == "ValidationException")
        #expect(await call(harness, "ListSecrets", ["SortBy": "size"]).errorType == "ValidationException")
    }

    @Test func aRepeatedCreateWithItsTokenIsIdempotentAndAnotherValueUnderItIsRefusedInAWSWords() async throws {
        let harness = try EmulatorHarness()
        let token = String(repeating: "b", count: 32)
        let request: [String: Any] = ["Name": "s", "SecretString": "v", "ClientRequestToken": token]
        let created = await call(harness, "CreateSecret", request)
        let again = await call(harness, "CreateSecret", request)
        #expect(again.status == 200 && again.json["ARN"] as? String == created.json["ARN"] as? String)
        #expect(again.json["VersionId"] as? String == token)
        let changed = await call(
            harness,
            "CreateSecret",
            ["Name": "s", "SecretString": "w", "ClientRequestToken": token]
        )
        #expect(changed.errorType == "ResourceExistsException")
        let arn = try #require(created.json["ARN"] as? String)
        let words =
            "You can't use ClientRequestToken \(token) because that value is already in use for a version of secret \(arn)"
        #expect((changed.json["Message"] as? String) == words)
        let put = await call(
            harness,
            "PutSecretValue",
            ["SecretId": "s", "SecretString": "w", "ClientRequestToken": token]
        )
        #expect(put.errorType == "ResourceExistsException")
        #expect((put.json["Message"] as? String) == words)
        let otherToken = await call(harness, "CreateSecret", ["Name": "s", "SecretString": "v"])
        #expect(
            (otherToken.json["Message"] as? String)
                == "The operation failed because the secret s already exists."
        )
    }

    @Test func policiesReplicasAndLabelsSurviveARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        let policy = #"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}"#
        do {
            let harness = try EmulatorHarness(virtualClock: false, statePath: path)
            _ = await call(
                harness,
                "CreateSecret",
                ["Name": "s", "SecretString": "v", "AddReplicaRegions": [["Region": "eu-west-1"]]]
            )
            _ = await call(harness, "PutResourcePolicy", ["SecretId": "s", "ResourcePolicy": policy])
            _ = await call(
                harness,
                "PutSecretValue",
                ["SecretId": "s", "SecretString": "w", "VersionStages": ["STAGED"]]
            )
        }
        let restarted = try EmulatorHarness(virtualClock: false, statePath: path)
        #expect(
            await call(restarted, "GetResourcePolicy", ["SecretId": "s"]).json["ResourcePolicy"] as? String == policy
        )
        let described = await call(restarted, "DescribeSecret", ["SecretId": "s"])
        #expect((described.json["ReplicationStatus"] as? [[String: Any]])?.first?["Region"] as? String == "eu-west-1")
        #expect(((described.json["VersionIdsToStages"] as? [String: [String]]) ?? [:]).values.contains(["STAGED"]))
    }
}
