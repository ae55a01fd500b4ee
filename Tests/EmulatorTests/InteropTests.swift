import Foundation
import TestSupport
import Testing

@testable import Emulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Real clients against the emulator on a socket: the AWS CLI and boto3 (JSON protocol), and an older boto3 that
/// speaks the query protocol to SQS when its virtual environment exists
/// (`Tests/EmulatorTests/Interop/setup-query-venv.sh`).
@Suite(.serialized) struct InteropTests {
    static let environment = [
        "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_PAGER": "",
    ]
    static let script = ChildProcess.packageRoot.appendingPathComponent("Tests/EmulatorTests/Interop/sqs_boto3.py").path
    static let secretsScript = ChildProcess.packageRoot
        .appendingPathComponent("Tests/EmulatorTests/Interop/secrets_boto3.py").path
    static let queryPython = ChildProcess.packageRoot.appendingPathComponent(".build/interop/query-venv/bin/python")
        .path

    func aws(
        _ endpoint: URL,
        _ arguments: [String],
        environment: [String: String] = [:]
    ) async throws -> ChildProcess.Output {
        try await ChildProcess.run(
            "aws",
            ["--endpoint-url", endpoint.absoluteString, "--output", "json"] + arguments,
            environment: Self.environment.merging(environment) { _, new in new },
            timeout: 60
        )
    }

    @Test func currentBoto3CoversEveryOperationOverJSON() async throws {
        try await withEmulatorServer { server in
            let output = try await ChildProcess.run(
                "python3",
                [Self.script, server.baseURL.absoluteString, "json"],
                environment: Self.environment,
                timeout: 120
            )
            #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
            #expect(output.stdout.hasPrefix("OK "))
        }
    }

    @Test func currentBoto3CoversEverySecretsManagerOperation() async throws {
        try await withEmulatorServer { server in
            let output = try await ChildProcess.run(
                "python3",
                [Self.secretsScript, server.baseURL.absoluteString],
                environment: Self.environment,
                timeout: 120
            )
            #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
            #expect(output.stdout.hasPrefix("OK "))
        }
    }

    /// `aws sqs start-message-move-task` / `list-message-move-tasks` / `cancel-message-move-task` on a slow task.
    @Test func awsCLIStartsListsAndCancelsAMoveTask() async throws {
        try await withEmulatorServer { server in
            let endpoint = server.baseURL
            let dlqArn = "arn:aws:sqs:us-east-1:000000000000:cli-dlq"
            let dlqURL = "\(endpoint.absoluteString)/000000000000/cli-dlq"
            #expect(try await aws(endpoint, ["sqs", "create-queue", "--queue-name", "cli-dlq"]).status == 0)
            let policy = "{\"deadLetterTargetArn\":\"\(dlqArn)\",\"maxReceiveCount\":\"2\"}"
            let attributes = try JSONSerialization.data(withJSONObject: ["RedrivePolicy": policy])
            let source = try await aws(
                endpoint,
                [
                    "sqs", "create-queue", "--queue-name", "cli-src", "--attributes",
                    String(decoding: attributes, as: UTF8.self),
                ]
            )
            #expect(source.status == 0, "\(source.stderr)")
            for batch in 0..<3 {  // 30 messages at 1/s: the task is still running when it is listed and cancelled
                let entries = (0..<10).map { ["Id": "e\($0)", "MessageBody": "m\(batch)-\($0)"] }
                let json = String(decoding: try JSONSerialization.data(withJSONObject: entries), as: UTF8.self)
                let sent = try await aws(
                    endpoint,
                    ["sqs", "send-message-batch", "--queue-url", dlqURL, "--entries", json]
                )
                #expect(sent.status == 0, "\(sent.stderr)")
            }
            let started = try await aws(
                endpoint,
                [
                    "sqs", "start-message-move-task", "--source-arn", dlqArn, "--destination-arn",
                    "arn:aws:sqs:us-east-1:000000000000:cli-src", "--max-number-of-messages-per-second", "1",
                ]
            )
            #expect(started.status == 0, "\(started.stderr)")
            let handle = try #require(
                (try JSONSerialization.jsonObject(with: Data(started.stdout.utf8)) as? [String: Any])?["TaskHandle"]
                    as? String
            )
            let listed = try await aws(endpoint, ["sqs", "list-message-move-tasks", "--source-arn", dlqArn])
            #expect(listed.stdout.contains("\"Status\": \"RUNNING\""), "\(listed.stdout)\(listed.stderr)")
            #expect(listed.stdout.contains("\"ApproximateNumberOfMessagesToMove\": 30"), "\(listed.stdout)")
            let cancelled = try await aws(endpoint, ["sqs", "cancel-message-move-task", "--task-handle", handle])
            #expect(cancelled.status == 0, "\(cancelled.stderr)")
            #expect(cancelled.stdout.contains("ApproximateNumberOfMessagesMoved"))
            var status = ""
            for _ in 0..<100 where status != "CANCELLED" {
                let after = try await aws(endpoint, ["sqs", "list-message-move-tasks", "--source-arn", dlqArn])
                let results = (try? JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])?[
                    "Results"
                ]
                status = ((results as? [[String: Any]])?.first?["Status"] as? String) ?? ""
                if status != "CANCELLED" { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(status == "CANCELLED")
        }
    }

    /// Skipped on a developer's machine without the venv; never in CI (`CI` set), where `.ci/run` creates it.
    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["CI"] != nil
                || FileManager.default.isExecutableFile(atPath: queryPython)
        )
    )
    func olderBoto3CoversEveryOperationOverTheQueryProtocol() async throws {
        try await withEmulatorServer { server in
            let output = try await ChildProcess.run(
                Self.queryPython,
                [Self.script, server.baseURL.absoluteString, "query"],
                environment: Self.environment,
                timeout: 120
            )
            #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
            #expect(output.stdout.hasPrefix("OK "))
        }
    }

    /// `aws sqs add-permission` / `remove-permission`, and the policy they leave, as the CLI shows it.
    @Test func awsCLIAddsAndRemovesAPermission() async throws {
        try await withEmulatorServer { server in
            let endpoint = server.baseURL
            #expect(try await aws(endpoint, ["sqs", "create-queue", "--queue-name", "cli-shared"]).status == 0)
            let url = "\(endpoint.absoluteString)/000000000000/cli-shared"
            let added = try await aws(
                endpoint,
                [
                    "sqs", "add-permission", "--queue-url", url, "--label", "Partner", "--aws-account-ids",
                    "111122223333", "--actions", "SendMessage", "ReceiveMessage",
                ]
            )
            #expect(added.status == 0, "\(added.stderr)")
            let policy = try await aws(
                endpoint,
                ["sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "Policy"]
            )
            #expect(policy.stdout.contains("\\\"Sid\\\":\\\"Partner\\\""), "\(policy.stdout)")
            #expect(policy.stdout.contains("SQS:ReceiveMessage"))
            let again = try await aws(
                endpoint,
                [
                    "sqs", "add-permission", "--queue-url", url, "--label", "Partner", "--aws-account-ids",
                    "111122223333", "--actions", "SendMessage",
                ]
            )
            #expect(again.status != 0 && again.stderr.contains("InvalidParameterValue"), "\(again.stderr)")
            let removed = try await aws(
                endpoint,
                ["sqs", "remove-permission", "--queue-url", url, "--label", "Partner"]
            )
            #expect(removed.status == 0, "\(removed.stderr)")
            let unknown = try await aws(
                endpoint,
                ["sqs", "remove-permission", "--queue-url", url, "--label", "Partner"]
            )
            #expect(unknown.status != 0 && unknown.stderr.contains("can't find label"), "\(unknown.stderr)")
        }
    }

    @Test func awsCLIWorksAndWrongCredentialsAreRejected() async throws {
        try await withEmulatorServer { server in
            let endpoint = server.baseURL
            let identity = try await aws(endpoint, ["sts", "get-caller-identity"])
            #expect(identity.status == 0, "\(identity.stderr)")
            #expect(identity.stdout.contains("\"Account\": \"000000000000\""))
            let created = try await aws(endpoint, ["sqs", "create-queue", "--queue-name", "cli-q"])
            #expect(created.status == 0, "\(created.stderr)")
            let url = "\(endpoint.absoluteString)/000000000000/cli-q"
            #expect(created.stdout.contains(url))
            let sent = try await aws(
                endpoint,
                ["sqs", "send-message", "--queue-url", url, "--message-body", "from the CLI"]
            )
            #expect(sent.status == 0, "\(sent.stderr)")
            let received = try await aws(
                endpoint,
                ["sqs", "receive-message", "--queue-url", url, "--attribute-names", "All"]
            )
            #expect(received.stdout.contains("from the CLI"))
            #expect(received.stdout.contains("\"ApproximateReceiveCount\": \"1\""))
            let secret = try await aws(
                endpoint,
                ["secretsmanager", "create-secret", "--name", "cli-s", "--secret-string", "v"]
            )
            #expect(secret.status == 0, "\(secret.stderr)")
            let value = try await aws(endpoint, ["secretsmanager", "get-secret-value", "--secret-id", "cli-s"])
            #expect(value.stdout.contains("\"SecretString\": \"v\""))
            let wrongSecret = try await aws(
                endpoint,
                ["sqs", "list-queues"],
                environment: ["AWS_SECRET_ACCESS_KEY": "nope"]
            )
            #expect(wrongSecret.status != 0)
            #expect(wrongSecret.stderr.contains("SignatureDoesNotMatch"))
            let wrongKey = try await aws(
                endpoint,
                ["sts", "get-caller-identity"],
                environment: ["AWS_ACCESS_KEY_ID": "nobody"]
            )
            #expect(wrongKey.status != 0)
            #expect(wrongKey.stderr.contains("InvalidClientTokenId"))
            let (health, _) = try await URLSession.shared.data(
                from: endpoint.appendingPathComponent("_devstack/health")
            )
            #expect(String(decoding: health, as: UTF8.self).contains("\"ok\""))
        }
    }
}
