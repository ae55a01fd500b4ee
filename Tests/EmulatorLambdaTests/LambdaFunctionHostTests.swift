import Foundation
import Testing

@testable import Emulator

/// Real bootstrap processes against the Runtime API on 127.0.0.1: every rule of the invocation lifecycle.
@Suite("Function host with real bootstraps", .serialized)
struct LambdaFunctionHostTests {
    @Test("echo: the event comes back, the instance stays warm, the log has START/END/REPORT and the output")
    func echoWarm() async throws {
        try await withHost(behaviourFunction("echo")) { host in
            let first = try await invoke(host, #"{"n":1}"#)
            #expect(first == .success(Data(#"{"n":1}"#.utf8)))
            let second = try await invoke(host, #"{"n":2}"#)
            #expect(second == .success(Data(#"{"n":2}"#.utf8)))
            let status = await host.status()
            #expect(status.coldStarts == 1, "the second invocation reuses the warm instance")
            #expect(status.liveInstances == 1)
            #expect(await eventually { logLines(host).contains { $0.hasPrefix("stderr line for") } })
            let lines = logLines(host)
            #expect(lines.filter { $0.hasPrefix("START RequestId: ") && $0.hasSuffix(" Version: $LATEST") }.count == 2)
            #expect(lines.filter { $0.hasPrefix("END RequestId: ") }.count == 2)
            let report = try #require(lines.first { $0.hasPrefix("REPORT RequestId: ") })
            #expect(report.contains("\tDuration: ") && report.contains(" ms\tBilled Duration: "))
            #expect(report.contains("\tMemory Size: 256 MB\tMax Memory Used: "))
            #expect(!report.contains("Max Memory Used: 0 MB"), "peak RSS comes from /proc: \(report)")
            #expect(lines.contains { $0.hasPrefix("invoked ") }, "the bootstrap's stdout is captured")
            // A cold start shows INIT_START once, and only the first REPORT carries the init duration.
            #expect(lines.filter { $0.hasPrefix("INIT_START Runtime Version: provided:al2023") }.count == 1)
            let reports = lines.filter { $0.hasPrefix("REPORT RequestId: ") }
            #expect(
                reports.count == 2 && reports[0].contains("\tInit Duration: ") && !reports[1].contains("Init Duration")
            )
        }
    }

    @Test("logs in order: a 50-line burst before each answer lands between that invocation's START and END, 20 times")
    func logsInOrder() async throws {
        // Before the host drained an instance's output before settling, more than half of such lines landed
        // after REPORT or under the next request id.
        try await withHost(behaviourFunction("burst")) { host in
            for _ in 0..<20 { _ = try await invoke(host) }
            let (seen, misplaced) = burstPlacement(host.logs.events(function: host.configuration.name))
            #expect(seen.count == 20 && seen.values.allSatisfy { $0 == 50 }, "\(seen.values.sorted())")
            #expect(misplaced.isEmpty, "\(misplaced.count) lines outside their invocation: \(misplaced.prefix(3))")
        }
    }

    @Test("on a virtual clock far from now, the deadline header is the wall clock plus the time left")
    func deadlineOnAVirtualClock() async throws {
        // The virtual clock starts in 2027 and never moves here: before, a runtime read a deadline in 2027 (the
        // virtual one), so it believed it had months left, or none after a jump backwards.
        let clock = ManualLambdaClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await withHost(behaviourFunction("headers", timeout: 5), clock: clock) { host in
            let before = Date()
            let outcome = try await invoke(host, "{}")
            let headers = try #require(try JSONSerialization.jsonObject(with: outcome.payload) as? [String: String])
            let deadline = try #require(headers["lambda-runtime-deadline-ms"].flatMap { Double($0) })
            #expect(deadline >= (before.timeIntervalSince1970 + 5) * 1000 - 50)
            #expect(deadline <= (Date().timeIntervalSince1970 + 5) * 1000 + 50)
            #expect(await eventually { logLines(host).contains { $0.hasPrefix("REPORT ") } })
            let report = try #require(logLines(host).first { $0.hasPrefix("REPORT ") })
            #expect(
                !report.contains("Duration: 0.00 ms"),
                "the clock did not move, but the invocation took time: \(report)"
            )
        }
    }

    @Test("/next carries every Lambda header: request id, deadline, ARN, trace id, client context, Cognito identity")
    func nextHeaders() async throws {
        try await withHost(behaviourFunction("headers", timeout: 7)) { host in
            let before = Date()
            let outcome = try await invoke(
                host,
                "{}",
                clientContext: #"{"custom":{"a":"b"}}"#,
                cognitoIdentity: #"{"cognitoIdentityId":"id"}"#
            )
            let headers = try #require(try JSONSerialization.jsonObject(with: outcome.payload) as? [String: String])
            let requestID = try #require(headers["lambda-runtime-aws-request-id"])
            #expect(UUID(uuidString: requestID) != nil)
            let deadline = try #require(headers["lambda-runtime-deadline-ms"].flatMap { Double($0) })
            #expect(deadline >= (before.timeIntervalSince1970 + 7) * 1000 - 50)
            #expect(deadline <= (Date().timeIntervalSince1970 + 7) * 1000 + 50)
            #expect(
                headers["lambda-runtime-invoked-function-arn"] == "arn:aws:lambda:us-east-1:000000000000:function:fn"
            )
            #expect(headers["lambda-runtime-trace-id"]?.hasPrefix("Root=1-") == true)
            #expect(headers["lambda-runtime-client-context"] == #"{"custom":{"a":"b"}}"#)
            #expect(headers["lambda-runtime-cognito-identity"] == #"{"cognitoIdentityId":"id"}"#)
            #expect(headers["content-type"] == "application/json")
        }
    }

    @Test("the environment is Lambda's, with the function's own variables; reserved names cannot be overridden")
    func environment() async throws {
        let function = try behaviourFunction(
            "environment",
            environment: ["OWN": "value", "AWS_REGION": "eu-west-9", "AWS_ENDPOINT_URL": "http://own"]
        )
        try await withHost(function) { host in
            let outcome = try await invoke(host)
            let env = try #require(try JSONSerialization.jsonObject(with: outcome.payload) as? [String: String])
            #expect(env["AWS_LAMBDA_RUNTIME_API"]?.hasPrefix("127.0.0.1:") == true)
            #expect(env["AWS_LAMBDA_FUNCTION_NAME"] == "fn")
            #expect(env["AWS_LAMBDA_FUNCTION_VERSION"] == "$LATEST")
            #expect(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "256")
            #expect(env["AWS_REGION"] == "us-east-1", "reserved: the function's own value is ignored")
            #expect(env["AWS_DEFAULT_REGION"] == "us-east-1")
            #expect(env["AWS_ACCESS_KEY_ID"] == "test" && env["AWS_SECRET_ACCESS_KEY"] == "test")
            #expect(env["_HANDLER"] == "bootstrap")
            #expect(
                env["LAMBDA_TASK_ROOT"] == URL(fileURLWithPath: behavioursBootstrap).deletingLastPathComponent().path
            )
            #expect(env["AWS_LAMBDA_LOG_GROUP_NAME"] == "/aws/lambda/fn")
            #expect(env["AWS_LAMBDA_LOG_STREAM_NAME"]?.contains("/[$LATEST]") == true)
            #expect(env["AWS_ENDPOINT_URL"] == "http://own", "a default the function may replace")
            #expect(env["OWN"] == "value")
            #expect(env["HOME"] == nil, "nothing else of the emulator's environment leaks in")
        }
    }

    @Test("past the deadline: Task timed out after 1.00 seconds, the instance is killed, the next one is fresh")
    func timeout() async throws {
        try await withHost(behaviourFunction("sleep", timeout: 1)) { host in
            let outcome = try await invoke(host)
            let error = try #require(outcome.functionError)
            #expect(error.errorType == "Sandbox.Timedout")
            #expect(error.errorMessage.hasSuffix("Error: Task timed out after 1.00 seconds"))
            #expect(
                await eventually {
                    let status = await host.status()
                    return status.liveInstances == 0 && status.pids.isEmpty
                }
            )
            #expect(logLines(host).contains { $0.hasSuffix("Task timed out after 1.00 seconds") })
            #expect(logLines(host).contains { $0.hasPrefix("REPORT ") && $0.hasSuffix("Status: timeout") })
            _ = try await invoke(host)
            #expect(await host.status().coldStarts == 2)
        }
    }

    @Test("an exit mid-invocation fails it with Runtime.ExitError; the next invocation gets a fresh instance")
    func crash() async throws {
        try await withHost(behaviourFunction("crash")) { host in
            let error = try #require(try await invoke(host).functionError)
            #expect(error.errorType == "Runtime.ExitError")
            #expect(error.errorMessage.hasSuffix("Error: Runtime exited with error: exit status 3"))
            let again = try #require(try await invoke(host).functionError)
            #expect(again.errorType == "Runtime.ExitError")
            #expect(await host.status().coldStarts == 2)
            #expect(await eventually { logLines(host).contains { $0.hasPrefix("crashing in ") } })
        }
    }

    @Test("an exit before /next fails the invocation with Runtime.ExitError")
    func exitAtOnce() async throws {
        try await withHost(behaviourFunction("exit")) { host in
            let error = try #require(try await invoke(host).functionError)
            #expect(error.errorType == "Runtime.ExitError")
            #expect(error.errorMessage.hasSuffix("exit status 2"))
        }
    }

    @Test("a bootstrap that never polls is killed after the init time plus the timeout")
    func neverPolls() async throws {
        try await withHost(behaviourFunction("never-poll", timeout: 1), initTimeout: 0.5) { host in
            let error = try #require(try await invoke(host).functionError)
            #expect(error.errorType == "Sandbox.Timedout")
            #expect(await eventually { await host.status().pids.isEmpty })
        }
    }

    @Test("a second answer gets 403 and an unknown request id gets 400; the first answer stands")
    func protocolViolations() async throws {
        try await withHost(behaviourFunction("answer-twice")) { host in
            let outcome = try await invoke(host, "[1]")
            #expect(outcome == .success(Data("[1]".utf8)))
            #expect(await eventually { logLines(host).contains("first answer: 202, second answer: 403") })
        }
        try await withHost(behaviourFunction("unknown-id")) { host in
            let outcome = try await invoke(host, "[2]")
            #expect(outcome == .success(Data("[2]".utf8)))
            #expect(await eventually { logLines(host).contains("unknown id answer: 400") })
        }
    }

    @Test("garbage output and a non-JSON answer: the answer is passed on as is and the emulator keeps serving")
    func garbage() async throws {
        try await withHost(behaviourFunction("garbage")) { host in
            let first = try await invoke(host)
            #expect(first.text == "this is not json {")
            #expect(await eventually { logLines(host).contains { $0.count == 100_000 } })
            let second = try await invoke(host)
            #expect(second.text == "this is not json {", "the emulator keeps serving")
        }
    }

    @Test("/error: the posted error reaches the invoker; /init/error fails the invocation and stops the instance")
    func errors() async throws {
        try await withHost(behaviourFunction("error")) { host in
            let error = try #require(try await invoke(host).functionError)
            #expect(error.errorType == "TestError")
            #expect(error.errorMessage == "failed on purpose")
            let posted = try #require(try JSONSerialization.jsonObject(with: error.payload) as? [String: Any])
            #expect(posted["stackTrace"] != nil, "the body the runtime posted is passed through")
        }
        try await withHost(behaviourFunction("init-error")) { host in
            let error = try #require(try await invoke(host).functionError)
            #expect(error.errorType == "Runtime.TestInitError")
            #expect(await eventually { await host.status().pids.isEmpty })
            // As on AWS: the invocation's START, the INIT_REPORT of the invoke phase, END and an error REPORT,
            // all under its request id.
            let events = host.logs.events(function: host.configuration.name)
            let start = try #require(events.first { $0.message.hasPrefix("START RequestId: ") })
            let id = try #require(start.requestID)
            let own = events.filter { $0.requestID == id }.map(\.message)
            let kinds = own.compactMap { line in
                ["START", "INIT_REPORT", "END", "REPORT"].first { line.hasPrefix($0 + " ") }
            }
            #expect(kinds == ["START", "INIT_REPORT", "END", "REPORT"], "\(own)")
            let initReport = try #require(own.first { $0.hasPrefix("INIT_REPORT ") })
            #expect(initReport.contains("\tPhase: invoke\tStatus: error\tError Type: Runtime.TestInitError"))
            #expect(initReport.hasPrefix("INIT_REPORT Init Duration: "))
            let report = try #require(own.first { $0.hasPrefix("REPORT ") })
            #expect(report.hasSuffix("\tStatus: error\tError Type: Runtime.TestInitError"))
        }
    }

    @Test("an answer over 6 MB: 413 to the bootstrap, Function.ResponseSizeTooLarge to the invoker")
    func tooLarge() async throws {
        try await withHost(behaviourFunction("too-large")) { host in
            let error = try #require(try await invoke(host).functionError)
            #expect(error.errorType == "Function.ResponseSizeTooLarge")
            #expect(await eventually { logLines(host).contains("too large answer: 413") })
        }
    }

    @Test("reserved concurrency 1: a second concurrent invocation is throttled; one instance serves one at a time")
    func concurrencyLimit() async throws {
        let function = try behaviourFunction(
            "sleep",
            timeout: 10,
            reservedConcurrency: 1,
            environment: ["TEST_BOOTSTRAP_SLEEP": "1"]
        )
        try await withHost(function) { host in
            async let first = host.invoke(LambdaInvocation(payload: Data("1".utf8)))
            #expect(await eventually { await host.status().inFlight == 1 })
            let second = await host.invoke(LambdaInvocation(payload: Data("2".utf8)))
            #expect(second == .throttled)
            #expect(await first == .completed(.success(Data("1".utf8))))
        }
    }

    @Test("concurrent invocations scale out to one instance each, up to the limit")
    func scaleOut() async throws {
        let function = try behaviourFunction(
            "sleep",
            timeout: 10,
            reservedConcurrency: 3,
            environment: ["TEST_BOOTSTRAP_SLEEP": "0.5"]
        )
        try await withHost(function) { host in
            let outcomes = await withTaskGroup(of: LambdaFunctionHost.InvokeAttempt.self) { group in
                for n in 0..<3 { group.addTask { await host.invoke(LambdaInvocation(payload: Data("\(n)".utf8))) } }
                var all: [LambdaFunctionHost.InvokeAttempt] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.allSatisfy { if case .completed(.success) = $0 { true } else { false } })
            #expect(await host.status().coldStarts == 3)
        }
    }
}
