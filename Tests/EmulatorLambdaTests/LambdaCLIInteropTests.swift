import Foundation
import Hummingbird
import Testing

@testable import Emulator
import TestSupport

/// The AWS CLI (a client no one here wrote) against the Lambda API routes on a test server.
@Suite("AWS CLI against the Lambda API routes", .serialized)
struct LambdaCLIInteropTests {
    /// Runs the AWS CLI on a GCD thread, so the blocking wait does not hold one of the few cooperative threads
    /// the server and the host need.
    func aws(_ endpoint: URL, _ arguments: [String]) async throws -> ChildProcess.Output {
        let environment = [
            "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_PAGER": "", "AWS_MAX_ATTEMPTS": "1",
        ]
        let all = ["--endpoint-url", endpoint.absoluteString, "--output", "json"] + arguments
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ChildProcess.run("aws", all, environment: environment, timeout: 60) })
            }
        }
    }

    func withLambdaAPI(_ body: @Sendable (URL) async throws -> Void) async throws {
        let registry = LambdaFunctionRegistry()
        await registry.register(try behaviourFunction("echo", name: "echo"))
        await registry.register(try behaviourFunction("error", name: "failing"))
        let router = Router()
        LambdaAPIRoutes.add(to: router, dispatcher: LambdaAPIDispatcher(functions: registry))
        do {
            try await withTestServer(FrozenRouter(router)) { try await body($0) }
        } catch {
            await registry.shutdown()
            throw error
        }
        await registry.shutdown()
    }

    @Test("aws lambda invoke: the payload, StatusCode 200, ExecutedVersion, FunctionError and the log tail")
    func invoke() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-cli-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withLambdaAPI { endpoint in
            let out = directory.appendingPathComponent("echo.json")
            let result = try await aws(
                endpoint,
                ["lambda", "invoke", "--function-name", "echo", "--payload", #"{"a":1}"#, "--log-type", "Tail", out.path])
            try #require(result.status == 0, "aws lambda invoke failed: \(result.stderr)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(summary["StatusCode"] as? Int == 200)
            #expect(summary["ExecutedVersion"] as? String == "$LATEST")
            #expect(summary["FunctionError"] == nil)
            let log = (summary["LogResult"] as? String).flatMap { Data(base64Encoded: $0) }
            #expect(log.map { String(decoding: $0, as: UTF8.self).contains("START RequestId: ") } == true)
            #expect(try Data(contentsOf: out) == Data(#"{"a":1}"#.utf8))

            let failedOut = directory.appendingPathComponent("failing.json")
            let failed = try await aws(
                endpoint, ["lambda", "invoke", "--function-name", "failing", "--payload", "{}", failedOut.path])
            try #require(failed.status == 0, "aws lambda invoke failed: \(failed.stderr)")
            #expect(failed.stdout.contains(#""FunctionError": "Unhandled""#))
            #expect(String(decoding: try Data(contentsOf: failedOut), as: UTF8.self).contains("TestError"))
        }
    }

    @Test("aws lambda get-function / list-functions, and ResourceNotFoundException for an unknown function")
    func describe() async throws {
        try await withLambdaAPI { endpoint in
            let get = try await aws(endpoint, ["lambda", "get-function", "--function-name", "echo"])
            try #require(get.status == 0, "get-function failed: \(get.stderr)")
            let function = try #require(try JSONSerialization.jsonObject(with: Data(get.stdout.utf8)) as? [String: Any])
            let configuration = try #require(function["Configuration"] as? [String: Any])
            #expect(configuration["FunctionArn"] as? String == "arn:aws:lambda:us-east-1:000000000000:function:echo")
            let list = try await aws(endpoint, ["lambda", "list-functions"])
            try #require(list.status == 0, "list-functions failed: \(list.stderr)")
            let names = (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
                .flatMap { $0["Functions"] as? [[String: Any]] }?.compactMap { $0["FunctionName"] as? String }
            #expect(names == ["echo", "failing"])
            let missing = try await aws(endpoint, ["lambda", "get-function", "--function-name", "nope"])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("ResourceNotFoundException"), "\(missing.stderr)")
        }
    }
}
