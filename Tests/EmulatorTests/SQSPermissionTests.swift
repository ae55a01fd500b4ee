import Foundation
import Testing

@testable import Emulator

/// `AddPermission` and `RemovePermission`: statements in the queue's `Policy` attribute, in both protocols,
/// with AWS's refusals, kept across a restart.
@Suite struct SQSPermissionTests {
    static func policy(_ harness: EmulatorHarness, _ url: String) async throws -> [String: Any]? {
        let answer = await harness.call(
            "AmazonSQS.GetQueueAttributes",
            ["QueueUrl": url, "AttributeNames": ["Policy"]]
        )
        guard let text = (answer.json["Attributes"] as? [String: String])?["Policy"] else { return nil }
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    @Test func addPermissionWritesAStatementAndRemovePermissionTakesItOut() async throws {
        // Before, both operations answered UnsupportedOperation.
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("shared")
        let arn = "arn:aws:sqs:us-east-1:000000000000:shared"
        let added = await harness.call(
            "AmazonSQS.AddPermission",
            ["QueueUrl": url, "Label": "AliceSend", "AWSAccountIds": ["111122223333"], "Actions": ["SendMessage"]]
        )
        #expect(added.status == 200, "\(added.text)")
        let one = try #require(try await Self.policy(harness, url))
        #expect(one["Version"] as? String == "2012-10-17")
        #expect(one["Id"] as? String == "\(arn)/SQSDefaultPolicy")
        let first = try #require((one["Statement"] as? [[String: Any]])?.first)
        #expect(first["Sid"] as? String == "AliceSend")
        #expect(first["Effect"] as? String == "Allow")
        #expect((first["Principal"] as? [String: Any])?["AWS"] as? String == "arn:aws:iam::111122223333:root")
        #expect(first["Action"] as? String == "SQS:SendMessage")
        #expect(first["Resource"] as? String == arn)
        _ = await harness.call(
            "AmazonSQS.AddPermission",
            [
                "QueueUrl": url, "Label": "Consumers", "AWSAccountIds": ["111122223333", "444455556666"],
                "Actions": ["ReceiveMessage", "DeleteMessage"],
            ]
        )
        let two = try #require(try await Self.policy(harness, url)?["Statement"] as? [[String: Any]])
        #expect(two.map { $0["Sid"] as? String } == ["AliceSend", "Consumers"])
        #expect(two[1]["Action"] as? [String] == ["SQS:ReceiveMessage", "SQS:DeleteMessage"])
        #expect(
            (two[1]["Principal"] as? [String: Any])?["AWS"] as? [String]
                == ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"]
        )
        #expect(
            await harness.call("AmazonSQS.RemovePermission", ["QueueUrl": url, "Label": "AliceSend"]).status == 200
        )
        let left = try #require(try await Self.policy(harness, url)?["Statement"] as? [[String: Any]])
        #expect(left.map { $0["Sid"] as? String } == ["Consumers"])
        #expect(
            await harness.call("AmazonSQS.RemovePermission", ["QueueUrl": url, "Label": "Consumers"]).status == 200
        )
        #expect(try await Self.policy(harness, url) == nil, "no Policy attribute once the last statement is gone")
    }

    @Test func refusalsAreAWSs() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("guarded")
        func add(_ label: String, _ accounts: [String], _ actions: [String]) async -> EmulatorHarness.Answer {
            await harness.call(
                "AmazonSQS.AddPermission",
                ["QueueUrl": url, "Label": label, "AWSAccountIds": accounts, "Actions": actions]
            )
        }
        #expect(await add("one", ["111122223333"], ["SendMessage"]).status == 200)
        let duplicate = await add("one", ["111122223333"], ["ReceiveMessage"])
        #expect(duplicate.errorType == "InvalidParameterValue")
        #expect(
            duplicate.json["message"] as? String == "Value one for parameter Label is invalid. Reason: Already exists."
        )
        let batch = await add("two", ["111122223333"], ["SendMessageBatch"])
        #expect(batch.errorType == "InvalidParameterValue")
        #expect(
            batch.json["message"] as? String
                == "Value SQS:SendMessageBatch for parameter ActionName is invalid. Reason: Please refer to the appropriate WSDL for a list of valid actions."
        )
        let eight = Array(repeating: "SendMessage", count: 8)
        let tooMany = await add("three", ["111122223333"], eight)
        #expect(tooMany.status == 403 && tooMany.errorType == "OverLimit")
        #expect(tooMany.header("x-amzn-query-error") == "OverLimit;Sender")
        #expect(
            tooMany.json["message"] as? String
                == "8 actions were found in a statement from the submitted policy, max allowed is 7"
        )
        let principal = await add("four", ["arn:aws:iam::111122223333:user/alice"], ["SendMessage"])
        #expect(principal.errorType == "InvalidParameterValue")
        #expect((principal.json["message"] as? String)?.hasSuffix("Reason: Unable to verify principal.") == true)
        let badLabel = await add("has space", ["111122223333"], ["SendMessage"])
        #expect(badLabel.errorType == "InvalidParameterValue")
        let noLabel = await harness.call(
            "AmazonSQS.AddPermission",
            ["QueueUrl": url, "AWSAccountIds": ["111122223333"], "Actions": ["SendMessage"]]
        )
        #expect(noLabel.errorType == "MissingParameter")
        let unknown = await harness.call("AmazonSQS.RemovePermission", ["QueueUrl": url, "Label": "nope"])
        #expect(unknown.errorType == "InvalidParameterValue")
        #expect(
            unknown.json["message"] as? String
                == "Value nope for parameter Label is invalid. Reason: can't find label on existing policy."
        )
        let missingQueue = await harness.call(
            "AmazonSQS.RemovePermission",
            ["QueueUrl": url.replacingOccurrences(of: "guarded", with: "absent"), "Label": "one"]
        )
        #expect(missingQueue.errorType == "QueueDoesNotExist")
        let statements = try #require(try await Self.policy(harness, url)?["Statement"] as? [[String: Any]])
        #expect(statements.count == 1, "no refused call changed the policy")
    }

    @Test func theQueryProtocolTakesActionNameAndAWSAccountIdLists() async throws {
        let harness = try EmulatorHarness()
        let url = await harness.createQueue("xml-shared")
        let added = await harness.query([
            ("Action", "AddPermission"), ("QueueUrl", url), ("Label", "L"), ("AWSAccountId.1", "111122223333"),
            ("ActionName.1", "SendMessage"), ("ActionName.2", "GetQueueUrl"),
        ])
        #expect(added.status == 200 && added.text.contains("<AddPermissionResponse"), "\(added.text)")
        let statement = try #require((try await Self.policy(harness, url)?["Statement"] as? [[String: Any]])?.first)
        #expect(statement["Action"] as? [String] == ["SQS:SendMessage", "SQS:GetQueueUrl"])
        let again = await harness.query([
            ("Action", "AddPermission"), ("QueueUrl", url), ("Label", "L"), ("AWSAccountId.1", "111122223333"),
            ("ActionName.1", "SendMessage"),
        ])
        #expect(again.status == 400 && again.text.contains("<Code>InvalidParameterValue</Code>"))
        let removed = await harness.query([("Action", "RemovePermission"), ("QueueUrl", url), ("Label", "L")])
        #expect(removed.status == 200 && removed.text.contains("<RemovePermissionResponse"), "\(removed.text)")
    }

    @Test func permissionsSurviveARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        var url = ""
        do {
            let harness = try EmulatorHarness(virtualClock: false, statePath: path)
            url = await harness.createQueue("kept")
            let added = await harness.call(
                "AmazonSQS.AddPermission",
                ["QueueUrl": url, "Label": "Kept", "AWSAccountIds": ["111122223333"], "Actions": ["*"]]
            )
            #expect(added.status == 200)
        }
        let restarted = try EmulatorHarness(virtualClock: false, statePath: path)
        let statement = try #require((try await Self.policy(restarted, url)?["Statement"] as? [[String: Any]])?.first)
        #expect(statement["Sid"] as? String == "Kept" && statement["Action"] as? String == "SQS:*")
    }
}
