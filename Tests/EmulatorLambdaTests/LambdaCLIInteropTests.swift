import Foundation
import TestSupport
import Testing

@testable import Emulator

/// The AWS CLI (a client no one here wrote, signing with SigV4) against the emulator's main endpoint with a
/// stack of behaviour bootstraps loaded: invoke, functions, event source mappings, Function URL config, and
/// refused signatures.
@Suite("AWS CLI against the emulator's Lambda API", .serialized)
struct LambdaCLIInteropTests {
    /// Runs the AWS CLI on a GCD thread, so the blocking wait does not hold one of the few cooperative threads
    /// the server and the host need.
    func aws(
        _ endpoint: URL,
        _ arguments: [String],
        accessKey: String = "test",
        secretKey: String = "test"
    ) async throws -> (output: ChildProcess.Output, json: [String: Any]) {
        let environment = [
            "AWS_ACCESS_KEY_ID": accessKey, "AWS_SECRET_ACCESS_KEY": secretKey, "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_PAGER": "", "AWS_MAX_ATTEMPTS": "1",
        ]
        let all = ["--endpoint-url", endpoint.absoluteString, "--output", "json", "lambda"] + arguments
        let output = try await ChildProcess.run("aws", all, environment: environment, timeout: 60)
        let json = (try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8))) as? [String: Any] ?? [:]
        return (output, json)
    }

    func withStack(_ body: @Sendable (URL, LoadedStack) async throws -> Void) async throws {
        try await withEmulatorServer { server in
            let loaded = try await server.loadStack(
                try behavioursStack(),
                options: StackLoadOptions(productsFolder: "/nonexistent")
            )
            try await body(server.baseURL, loaded)
        }
    }

    @Test("aws lambda invoke: the payload, StatusCode 200, ExecutedVersion, FunctionError and the log tail")
    func invoke() async throws {
        try await withTemporaryFolder { directory in
            try await withStack { endpoint, _ in
                let out = directory.appendingPathComponent("echo.json")
                let (result, summary) = try await aws(
                    endpoint,
                    ["invoke", "--function-name", "echo", "--payload", #"{"a":1}"#, "--log-type", "Tail", out.path]
                )
                try #require(result.status == 0, "aws lambda invoke failed: \(result.stderr)")
                #expect(summary["StatusCode"] as? Int == 200)
                #expect(summary["ExecutedVersion"] as? String == "$LATEST")
                #expect(summary["FunctionError"] == nil)
                let log = (summary["LogResult"] as? String).flatMap { Data(base64Encoded: $0) }
                    .map { String(decoding: $0, as: UTF8.self) }
                #expect(log?.contains("START RequestId: ") == true)
                #expect(log?.contains("REPORT RequestId: ") == true)
                #expect(try Data(contentsOf: out) == Data(#"{"a":1}"#.utf8))

                let failedOut = directory.appendingPathComponent("failing.json")
                let (failed, failure) = try await aws(
                    endpoint,
                    ["invoke", "--function-name", "failing", "--payload", "{}", failedOut.path]
                )
                try #require(failed.status == 0, "aws lambda invoke failed: \(failed.stderr)")
                #expect(failure["FunctionError"] as? String == "Unhandled")
                #expect(String(decoding: try Data(contentsOf: failedOut), as: UTF8.self).contains("TestError"))

                let (event, accepted) = try await aws(
                    endpoint,
                    [
                        "invoke", "--function-name", "echo", "--invocation-type", "Event", "--payload", "{}",
                        failedOut.path,
                    ]
                )
                try #require(event.status == 0, "an Event invoke failed: \(event.stderr)")
                #expect(accepted["StatusCode"] as? Int == 202)
            }
        }
    }

    @Test("list-functions, get-function, get-function-url-config; ResourceNotFoundException for an unknown function")
    func describe() async throws {
        try await withStack { endpoint, loaded in
            let (get, function) = try await aws(endpoint, ["get-function", "--function-name", "echo"])
            try #require(get.status == 0, "get-function failed: \(get.stderr)")
            let configuration = try #require(function["Configuration"] as? [String: Any])
            #expect(configuration["FunctionArn"] as? String == "arn:aws:lambda:us-east-1:000000000000:function:echo")
            #expect(configuration["Timeout"] as? Int == 5)
            let (list, functions) = try await aws(endpoint, ["list-functions"])
            try #require(list.status == 0, "list-functions failed: \(list.stderr)")
            let names = (functions["Functions"] as? [[String: Any]])?.compactMap { $0["FunctionName"] as? String }
            #expect(names == ["echo", "failing", "sleeper"])
            let (urlCall, url) = try await aws(endpoint, ["get-function-url-config", "--function-name", "echo"])
            try #require(urlCall.status == 0, "get-function-url-config failed: \(urlCall.stderr)")
            #expect(url["FunctionUrl"] as? String == loaded.webhookURL)
            let (missing, _) = try await aws(endpoint, ["get-function", "--function-name", "nope"])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("ResourceNotFoundException"), "\(missing.stderr)")
        }
    }

    @Test("event source mappings: the stack's with its stable UUID, then create, update, get and delete one")
    func eventSourceMappings() async throws {
        try await withStack { endpoint, loaded in
            let (listed, list) = try await aws(endpoint, ["list-event-source-mappings"])
            try #require(listed.status == 0, "list failed: \(listed.stderr)")
            let uuids = (list["EventSourceMappings"] as? [[String: Any]])?.compactMap { $0["UUID"] as? String }
            #expect(uuids == [loaded.mappingUUIDs["echo→work"]].compactMap { $0 })

            let arn = "arn:aws:sqs:us-east-1:000000000000:other"
            let (created, mapping) = try await aws(
                endpoint,
                [
                    "create-event-source-mapping", "--function-name", "failing", "--event-source-arn", arn,
                    "--batch-size", "4", "--no-enabled",
                ]
            )
            try #require(created.status == 0, "create failed: \(created.stderr)")
            let uuid = try #require(mapping["UUID"] as? String)
            #expect(mapping["BatchSize"] as? Int == 4)
            let (updated, _) = try await aws(
                endpoint,
                ["update-event-source-mapping", "--uuid", uuid, "--batch-size", "7"]
            )
            try #require(updated.status == 0, "update failed: \(updated.stderr)")
            let (got, state) = try await aws(endpoint, ["get-event-source-mapping", "--uuid", uuid])
            try #require(got.status == 0, "get failed: \(got.stderr)")
            #expect(state["BatchSize"] as? Int == 7)
            #expect(state["State"] as? String == "Disabled")
            let (filtered, only) = try await aws(
                endpoint,
                ["list-event-source-mappings", "--function-name", "failing"]
            )
            try #require(filtered.status == 0)
            #expect((only["EventSourceMappings"] as? [[String: Any]])?.compactMap { $0["UUID"] as? String } == [uuid])
            let (deleted, _) = try await aws(endpoint, ["delete-event-source-mapping", "--uuid", uuid])
            try #require(deleted.status == 0, "delete failed: \(deleted.stderr)")
            let (gone, _) = try await aws(endpoint, ["get-event-source-mapping", "--uuid", uuid])
            #expect(gone.status != 0 && gone.stderr.contains("ResourceNotFoundException"), "\(gone.stderr)")
        }
    }

    @Test("a wrong secret key and an unknown access key are refused, and nothing is invoked")
    func signaturesChecked() async throws {
        try await withTemporaryFolder { directory in
            try await withEmulatorServer { server in
                _ = try await server.loadStack(
                    try behavioursStack(),
                    options: StackLoadOptions(productsFolder: "/nonexistent")
                )
                let out = directory.appendingPathComponent("out.json").path
                let (wrong, _) = try await aws(
                    server.baseURL,
                    ["invoke", "--function-name", "echo", "--payload", "{}", out],
                    secretKey: "not-test"
                )
                #expect(wrong.status != 0)
                #expect(wrong.stderr.contains("InvalidSignatureException"), "\(wrong.stderr)")
                let (unknown, _) = try await aws(
                    server.baseURL,
                    ["list-functions"],
                    accessKey: "nobody",
                    secretKey: "test"
                )
                #expect(unknown.status != 0)
                #expect(unknown.stderr.contains("UnrecognizedClientException"), "\(unknown.stderr)")
                #expect(server.emulator.lambda.journal.records().isEmpty)
            }
        }
    }
}
