import AWSSigV4
import Foundation
import TestSupport
import Testing
import Topology

@testable import Emulator

/// The Lambda API on the emulator's main endpoint and the `/_devstack/lambda/…` admin endpoints: the invocation
/// journal, the logs, the counters and killing busy instances.
@Suite("Lambda on the emulator's endpoint, and its admin API", .serialized)
struct EmulatorLambdaEndpointTests {
    let options = StackLoadOptions(productsFolder: "/nonexistent")

    @Test("an unsigned Lambda request is refused in Lambda's rest-json words")
    func unsignedRefused() async throws {
        try await withEmulatorServer { server in
            _ = try await server.loadStack(try behavioursStack(), options: options)
            let answer = await call(server.emulator, "POST", "/2015-03-31/functions/echo/invocations", body: "{}")
            #expect(answer.status == 403)
            let type = answer.response.headers.first { $0.name.lowercased() == "x-amzn-errortype" }?.value
            #expect(type == "MissingAuthenticationTokenException")
            #expect(answer.json["Message"] is String)
            #expect(server.emulator.lambda.journal.records().isEmpty, "nothing was invoked")
        }
    }

    @Test("a request signed for lambda is served; the same request signed for sqs is refused")
    func credentialScope() async throws {
        try await withEmulatorServer { server in
            _ = try await server.loadStack(try behavioursStack(), options: options)
            func signed(service: String) -> EmulatorRequest {
                var request = SignableRequest(
                    method: "GET",
                    path: "/2015-03-31/functions",
                    headers: [.init("Host", "127.0.0.1:4566")]
                )
                SigV4Signer(
                    credentials: AWSCredentials(accessKeyID: "test", secretAccessKey: "test"),
                    region: "us-east-1",
                    service: service
                ).sign(&request, date: Date())
                return EmulatorRequest(
                    method: "GET",
                    path: request.path,
                    query: "",
                    headers: request.headers.map { ($0.name, $0.value) },
                    body: []
                )
            }
            let served = await server.emulator.respond(signed(service: "lambda"))
            #expect(served.status == 200)
            let refused = await server.emulator.respond(signed(service: "sqs"))
            #expect(refused.status == 403)
            #expect(
                refused.headers.contains { $0.name == "x-amzn-ErrorType" && $0.value == "InvalidSignatureException" }
            )
        }
    }

    @Test("invocations are journalled with source, outcome and times; counters, failure times and logs follow")
    func journalAndLogs() async throws {
        try await withEmulatorServer(acceptAnySignature: true) { server in
            let emulator = server.emulator
            let loaded = try await server.loadStack(try behavioursStack(), options: options)
            let ok = await call(emulator, "POST", "/2015-03-31/functions/echo/invocations", body: #"{"n":1}"#)
            #expect(ok.status == 200)
            #expect(ok.json["n"] as? Int == 1)
            let failed = await call(emulator, "POST", "/2015-03-31/functions/failing/invocations", body: "{}")
            #expect(failed.response.headers.contains { $0.name == "X-Amz-Function-Error" && $0.value == "Unhandled" })

            // An SQS batch through the stack's mapping carries its message ids.
            let sent = await sqs(emulator, "SendMessage", ["QueueUrl": loaded.queueURLs["work"]!, "MessageBody": "hi"])
            let messageID = try #require(sent["MessageId"] as? String)
            #expect(
                await eventually(10) {
                    emulator.lambda.journal.records(function: "echo").contains {
                        $0.source == .sqs && $0.outcome == .success
                    }
                },
                "the mapping invoked echo with the message"
            )

            let echo = await call(emulator, "GET", "/_devstack/lambda/invocations?function=echo")
            let records = try #require(echo.json["invocations"] as? [[String: Any]])
            #expect(records.compactMap { $0["source"] as? String } == ["invoke", "sqs"])
            #expect(records.compactMap { $0["outcome"] as? String } == ["success", "success"])
            #expect(records.last?["messageIds"] as? [String] == [messageID])
            #expect(records.first?["messageIds"] as? [String] == [])
            let first = try #require(records.first)
            let started = try #require(first["startedAt"] as? Int64 ?? (first["startedAt"] as? Int).map(Int64.init))
            let ended = try #require(first["endedAt"] as? Int64 ?? (first["endedAt"] as? Int).map(Int64.init))
            #expect(started <= ended)
            #expect(
                abs(Double(ended) / 1000 - emulator.clock.now().timeIntervalSince1970) < 60,
                "times on the emulator clock"
            )

            let failing = await call(emulator, "GET", "/_devstack/lambda/invocations?function=failing")
            let failure = try #require((failing.json["invocations"] as? [[String: Any]])?.first)
            #expect(failure["outcome"] as? String == "error")
            #expect(failure["errorType"] as? String == "TestError")
            #expect(failure["errorMessage"] as? String == "failed on purpose")
            #expect(emulator.lambda.failedInvocationEndTimes(function: "failing").count == 1)
            #expect(emulator.lambda.failedInvocationEndTimes(function: "echo").isEmpty)

            let functions = await call(emulator, "GET", "/_devstack/lambda/functions")
            let byName = Dictionary(
                uniqueKeysWithValues: (functions.json["functions"] as? [[String: Any]] ?? []).map {
                    ($0["name"] as? String ?? "", $0)
                }
            )
            #expect(byName.keys.sorted() == ["echo", "failing", "sleeper"])
            #expect(byName["echo"]?["invocations"] as? Int == 2)
            #expect(byName["echo"]?["errors"] as? Int == 0)
            #expect(byName["failing"]?["errors"] as? Int == 1)
            #expect(byName["failing"]?["arn"] as? String == "arn:aws:lambda:us-east-1:000000000000:function:failing")
            #expect(byName["echo"]?["instances"] as? Int == 1, "one warm instance served both")
            #expect(byName["sleeper"]?["instances"] as? Int == 0)

            let logs = await call(emulator, "GET", "/_devstack/lambda/logs?function=echo")
            let events = try #require(logs.json["events"] as? [[String: Any]])
            let messages = events.compactMap { $0["message"] as? String }
            #expect(messages.contains { $0.hasPrefix("START RequestId: ") })
            #expect(messages.contains { $0.hasPrefix("REPORT RequestId: ") })
            let next = try #require(logs.json["next"] as? Int)
            #expect(next == events.last?["seq"] as? Int)
            let none = await call(emulator, "GET", "/_devstack/lambda/logs?function=echo&after=\(next)")
            #expect((none.json["events"] as? [Any])?.isEmpty == true)
            #expect(none.json["next"] as? Int == next, "nothing new: next stays")

            #expect(await call(emulator, "GET", "/_devstack/lambda/invocations?function=nope").status == 404)
            #expect(await call(emulator, "GET", "/_devstack/lambda/logs?after=-1").status == 400)
        }
    }

    @Test("kill SIGKILLs the busy instance by PID: its invocation ends as a crash and the process is gone")
    func killBusyInstance() async throws {
        try await withEmulatorServer(acceptAnySignature: true) { server in
            let emulator = server.emulator
            _ = try await server.loadStack(try behavioursStack(), options: options)
            let invoke = Task {
                await call(emulator, "POST", "/2015-03-31/functions/sleeper/invocations", body: "{}").response
            }
            #expect(
                await eventually(20) {
                    let listed = await call(emulator, "GET", "/_devstack/lambda/functions")
                    let sleeper = (listed.json["functions"] as? [[String: Any]])?.first {
                        $0["name"] as? String == "sleeper"
                    }
                    return sleeper?["busy"] as? Int == 1
                },
                "the sleeper holds the invocation"
            )
            let killed = await call(emulator, "POST", "/_devstack/lambda/functions/sleeper/kill")
            let pids = try #require(killed.json["killed"] as? [Int])
            #expect(pids.count == 1)
            let answer = await invoke.value
            #expect(answer.status == 200)
            #expect(answer.headers.contains { $0.name == "X-Amz-Function-Error" })
            let error = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any]
            #expect(error?["errorType"] as? String == "Runtime.ExitError")
            let record = try #require(emulator.lambda.journal.records(function: "sleeper").last)
            #expect(record.outcome == .crash)
            #expect(record.endedAt != nil)
            #expect(await eventually(5) { pids.allSatisfy { !processExists(Int32($0)) } }, "the killed PID is gone")
            #expect(await call(emulator, "POST", "/_devstack/lambda/functions/nope/kill").status == 404)
            let idle = await call(emulator, "POST", "/_devstack/lambda/functions/echo/kill")
            #expect(idle.json["killed"] as? [Int] == [], "no busy instance, nothing killed")
        }
    }

    @Test("GetFunctionUrlConfig answers the running URL; a function without one is ResourceNotFound")
    func functionURLConfig() async throws {
        try await withEmulatorServer(acceptAnySignature: true) { server in
            let loaded = try await server.loadStack(try behavioursStack(), options: options)
            let config = await call(server.emulator, "GET", "/2021-10-31/functions/echo/url")
            #expect(config.status == 200)
            #expect(config.json["FunctionUrl"] as? String == loaded.webhookURL)
            #expect(config.json["AuthType"] as? String == "NONE")
            let none = await call(server.emulator, "GET", "/2021-10-31/functions/failing/url")
            #expect(none.status == 404)
            #expect(
                none.response.headers.contains {
                    $0.name == "x-amzn-ErrorType" && $0.value == "ResourceNotFoundException"
                }
            )
        }
    }
}
