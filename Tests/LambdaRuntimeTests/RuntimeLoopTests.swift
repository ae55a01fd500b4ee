import Foundation
import LambdaRuntime
import TestSupport
import Testing

/// The loop against a real HTTP Runtime API on 127.0.0.1. Serialized: the trace id is process-global.
@Suite("Runtime loop against an in-test Runtime API", .serialized)
struct RuntimeLoopTests {
    @Test("next → response for each invocation; the handler is created once")
    func nextThenResponse() async throws {
        let api = FakeRuntimeAPI()
        await api.enqueue(requestID: "req-1", body: #"{"name":"ada"}"#)
        await api.enqueue(requestID: "req-2", body: #"{"name":"bob"}"#)
        let created = Counter()
        let outcomes = try await withRuntimeServer(api.router()) { port in
            try await withTimeLimit {
                try await LambdaRuntime(environment: environment(port: port), logger: quietLogger()) { _ in
                    created.increment()
                    return GreetingHandler()
                }.run(maxInvocations: 2)
            }
        }
        #expect(created.count == 1, "warm container: one handler for all invocations")
        #expect(outcomes.map(\.requestID) == ["req-1", "req-2"])
        let responses = await api.posts(pathSuffix: "/response")
        #expect(
            responses.map(\.path) == [
                "/2018-06-01/runtime/invocation/req-1/response", "/2018-06-01/runtime/invocation/req-2/response",
            ]
        )
        let replies = try responses.map { try JSONDecoder().decode(Reply.self, from: $0.body) }
        #expect(replies == [Reply(message: "hello ada"), Reply(message: "hello bob")])
        #expect(await api.posts(pathSuffix: "/error").isEmpty)
    }

    @Test("a long run of invocations, failing and succeeding in turn, is answered one for one")
    func sustainedRun() async throws {
        let api = FakeRuntimeAPI()
        let count = 200
        for index in 0..<count {
            await api.enqueue(requestID: "r\(index)", body: index % 5 == 0 ? #"{"name":"fail"}"# : #"{"name":"n"}"#)
        }
        let outcomes = try await withRuntimeServer(api.router()) { port in
            try await withTimeLimit(.seconds(120)) {
                try await LambdaRuntime(
                    handler: GreetingHandler(),
                    environment: environment(port: port),
                    logger: quietLogger()
                ).run(maxInvocations: count)
            }
        }
        #expect(outcomes.map(\.requestID) == (0..<count).map { "r\($0)" })
        #expect(await api.posts(pathSuffix: "/response").count == count - count / 5)
        #expect(await api.posts(pathSuffix: "/error").count == count / 5)
        #expect(await api.nextCalls == count)
    }

    @Test("a throwing handler is reported on /error with the header and JSON, and the loop goes on")
    func handlerErrorReported() async throws {
        let api = FakeRuntimeAPI()
        await api.enqueue(requestID: "bad", body: #"{"name":"fail"}"#)
        await api.enqueue(requestID: "good", body: #"{"name":"eve"}"#)
        let outcomes = try await withRuntimeServer(api.router()) { port in
            try await withTimeLimit {
                try await LambdaRuntime(
                    handler: GreetingHandler(),
                    environment: environment(port: port),
                    logger: quietLogger()
                ).run(maxInvocations: 2)
            }
        }
        let errors = await api.posts(pathSuffix: "/error")
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.path == "/2018-06-01/runtime/invocation/bad/error")
        #expect(error.header("Lambda-Runtime-Function-Error-Type") == "Unhandled")
        #expect(error.header("Content-Type") == "application/json")
        let json = try #require(error.json)
        #expect(json["errorMessage"] as? String == "HandlerFailure: asked to fail")
        #expect(json["errorType"] as? String == "HandlerFailure")
        #expect(json["stackTrace"] as? [Any] != nil, "stackTrace is present, as a list")
        #expect(await api.posts(pathSuffix: "/good/response").count == 1, "the next invocation still runs")
        guard case .reportedError(let document, let functionErrorType) = outcomes.first?.result else {
            Issue.record("the first invocation must be reported as an error, got \(String(describing: outcomes.first))")
            return
        }
        #expect(document.errorType == "HandlerFailure")
        #expect(functionErrorType == "Unhandled")
    }

    @Test("an event that does not decode is reported as Runtime.InvalidEvent")
    func undecodableEvent() async throws {
        let api = FakeRuntimeAPI()
        await api.enqueue(requestID: "r", body: #"{"nom":"x"}"#)
        _ = try await withRuntimeServer(api.router()) { port in
            try await withTimeLimit {
                try await LambdaRuntime(
                    handler: GreetingHandler(),
                    environment: environment(port: port),
                    logger: quietLogger()
                ).run(maxInvocations: 1)
            }
        }
        let error = try #require(await api.posts(pathSuffix: "/r/error").first)
        #expect(error.header("Lambda-Runtime-Function-Error-Type") == "Runtime.InvalidEvent")
        #expect((error.json?["errorMessage"] as? String)?.contains("eventDecodingFailed") == true)
    }

    @Test("a failing start-up posts /runtime/init/error and run throws initializationFailed without polling")
    func initError() async throws {
        let api = FakeRuntimeAPI()
        await api.enqueue(requestID: "never", body: "{}")
        let thrown = try await withRuntimeServer(api.router()) { port in
            try await withTimeLimit {
                do {
                    _ = try await LambdaRuntime(environment: environment(port: port), logger: quietLogger()) {
                        _ -> GreetingHandler in throw ConfigurationMissing()
                    }.run(maxInvocations: 1)
                    return LambdaRuntimeError.Code?.none
                } catch let error as LambdaRuntimeError {
                    return error.code
                }
            }
        }
        #expect(thrown == .initializationFailed)
        let posted = try #require(await api.posts(pathSuffix: "/runtime/init/error").first)
        #expect(posted.header("Lambda-Runtime-Function-Error-Type") == "Runtime.ConfigInvalid")
        #expect(posted.json?["errorMessage"] as? String == "the routing table is missing")
        #expect(posted.json?["errorType"] as? String == "ConfigurationMissing")
        #expect(await api.nextCalls == 0, "no invocation is fetched after a failed start-up")
    }

    @Test("a start-up error that chooses no type is reported as Runtime.InitError")
    func initErrorDefaultType() async throws {
        let api = FakeRuntimeAPI()
        _ = try await withRuntimeServer(api.router()) { port in
            try await withTimeLimit {
                try? await LambdaRuntime(environment: environment(port: port), logger: quietLogger()) {
                    _ -> GreetingHandler in throw HandlerFailure(reason: "no secrets")
                }.run()
            }
        }
        let posted = try #require(await api.posts(pathSuffix: "/runtime/init/error").first)
        #expect(posted.header("Lambda-Runtime-Function-Error-Type") == "Runtime.InitError")
    }

    @Test("the context carries deadline, ARN, client context and cognito identity; the trace id is exported")
    func contextFromHeaders() async throws {
        let api = FakeRuntimeAPI()
        await api.enqueue(
            requestID: "ctx",
            body: #"{"name":"x"}"#,
            deadlineMilliseconds: 1_800_000_030_000,
            extraHeaders: [
                "Lambda-Runtime-Trace-Id": "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
                "Lambda-Runtime-Client-Context": #"{"client":{"app_title":"t"}}"#,
                "Lambda-Runtime-Cognito-Identity": #"{"cognitoIdentityId":"id-1"}"#,
            ]
        )
        await api.enqueue(requestID: "no-trace", body: #"{"name":"y"}"#)
        struct Seen: Sendable {
            var requestID: String
            var deadline: Int64
            var remaining: Duration
            var arn: String?
            var traceID: String?
            var exportedTraceID: String?
            var clientContext: String?
            var cognitoIdentity: String?
            var functionName: String?
        }
        let seen = Recorder<Seen>()
        var configuration = LambdaRuntimeConfiguration()
        configuration.clock = FixedClock(milliseconds: 1_800_000_000_000)
        _ = try await withRuntimeServer(api.router()) { [configuration] port in
            try await withTimeLimit {
                try await LambdaRuntime(
                    handler: LambdaClosureHandler { (event: Greeting, context: LambdaContext) in
                        seen.append(
                            Seen(
                                requestID: context.requestID,
                                deadline: context.deadlineMilliseconds,
                                remaining: context.remainingTime,
                                arn: context.invokedFunctionARN,
                                traceID: context.traceID,
                                exportedTraceID: getenv(LambdaRuntime.traceIDVariable).map { String(cString: $0) },
                                clientContext: context.clientContext,
                                cognitoIdentity: context.cognitoIdentity,
                                functionName: context.environment.functionName
                            )
                        )
                        return Reply(message: event.name)
                    },
                    environment: environment(port: port),
                    configuration: configuration,
                    logger: quietLogger()
                ).run(maxInvocations: 2)
            }
        }
        let first = try #require(seen.all.first)
        #expect(first.requestID == "ctx")
        #expect(first.deadline == 1_800_000_030_000)
        #expect(first.remaining == .seconds(30), "deadline minus the clock's now")
        #expect(first.arn == "arn:aws:lambda:us-east-1:123456789012:function:test")
        #expect(first.traceID == "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1")
        #expect(first.exportedTraceID == first.traceID, "_X_AMZN_TRACE_ID is set for the invocation")
        #expect(first.clientContext == #"{"client":{"app_title":"t"}}"#)
        #expect(first.cognitoIdentity == #"{"cognitoIdentityId":"id-1"}"#)
        #expect(first.functionName == "test")
        let second = try #require(seen.all.last)
        #expect(second.traceID == nil)
        #expect(second.exportedTraceID == nil, "an invocation without a trace id does not see the previous one")
    }

    @Test("a 413 on /response surfaces as payloadTooLarge and the loop takes the next invocation")
    func payloadTooLarge() async throws {
        let api = FakeRuntimeAPI()
        await api.setResponseStatus(413)
        await api.enqueue(requestID: "big", body: #"{"name":"a"}"#)
        await api.enqueue(requestID: "after", body: #"{"name":"b"}"#)
        let outcomes = try await withRuntimeServer(api.router()) { port in
            try await withTimeLimit {
                try await LambdaRuntime(
                    handler: GreetingHandler(),
                    environment: environment(port: port),
                    logger: quietLogger()
                ).run(maxInvocations: 2)
            }
        }
        #expect(outcomes.count == 2)
        guard case .undelivered(let error) = outcomes.first?.result else {
            Issue.record("a refused response must be undelivered, got \(String(describing: outcomes.first))")
            return
        }
        #expect(error.code == .payloadTooLarge)
        #expect(error.statusCode == 413)
        #expect(error.path == "/runtime/invocation/big/response")
        #expect(await api.posts(pathSuffix: "/big/response").count == 1, "HTTP refusals are not retried")
        #expect(await api.posts(pathSuffix: "/error").isEmpty, "Lambda already failed the invocation on 413")
    }

    @Test("a 500 on /next is AWS's container error: run throws containerError")
    func containerErrorEndsLoop() async throws {
        let api = FakeRuntimeAPI()
        await api.setNextStatus(500)
        let code = try await withRuntimeServer(api.router()) { port in
            try await withTimeLimit {
                do {
                    try await LambdaRuntime(
                        handler: GreetingHandler(),
                        environment: environment(port: port),
                        logger: quietLogger()
                    ).run()
                    return LambdaRuntimeError.Code?.none
                } catch let error as LambdaRuntimeError {
                    return error.code
                }
            }
        }
        #expect(code == .containerError)
        #expect(await api.nextCalls == 1)
    }

    @Test("a /next answer without a deadline is reported as Runtime.InvalidInvocation; one without an id is skipped")
    func invalidInvocations() async throws {
        let api = FakeRuntimeAPI()
        await api.enqueueRaw(headers: ["Lambda-Runtime-Deadline-Ms": "1"], body: "{}")
        await api.enqueueRaw(headers: ["Lambda-Runtime-Aws-Request-Id": "no-deadline"], body: "{}")
        await api.enqueue(requestID: "fine", body: #"{"name":"z"}"#)
        let outcomes = try await withRuntimeServer(api.router()) { port in
            try await withTimeLimit {
                try await LambdaRuntime(
                    handler: GreetingHandler(),
                    environment: environment(port: port),
                    logger: quietLogger()
                ).run(maxInvocations: 2)
            }
        }
        #expect(outcomes.map(\.requestID) == ["no-deadline", "fine"])
        let error = try #require(await api.posts(pathSuffix: "/no-deadline/error").first)
        #expect(error.header("Lambda-Runtime-Function-Error-Type") == "Runtime.InvalidInvocation")
        #expect(await api.nextCalls == 3)
    }

    @Test("answers without a request id are waited out like failures, never spun on, and count toward the limit")
    func idlessAnswersBackOff() async throws {
        let api = FakeRuntimeAPI()
        for _ in 0..<10 { await api.enqueueRaw(headers: ["Lambda-Runtime-Deadline-Ms": "1"], body: "{}") }
        var configuration = fastRetries
        configuration.maxConsecutiveNextFailures = 3
        let code = try await withRuntimeServer(api.router()) { [configuration] port in
            try await withTimeLimit {
                do {
                    try await LambdaRuntime(
                        handler: GreetingHandler(),
                        environment: environment(port: port),
                        configuration: configuration,
                        logger: quietLogger()
                    ).run()
                    return LambdaRuntimeError.Code?.none
                } catch let error as LambdaRuntimeError {
                    return error.code
                }
            }
        }
        #expect(code == .invalidInvocation)
        #expect(await api.nextCalls == 3, "three unusable answers in a row end the loop, not ten")
        #expect(await api.posts.isEmpty)
    }

    @Test("the Runtime API going away and coming back: the loop backs off, reconnects and finishes")
    func reconnect() async throws {
        let api = FakeRuntimeAPI()
        await api.enqueue(requestID: "before", body: #"{"name":"1"}"#)
        // Server 1 serves one invocation, then goes away while the loop is polling.
        let (port, loop, transport) = try await withRuntimeServer(api.router()) { port in
            let transport = CountingTransport(
                URLSessionRuntimeAPITransport(baseURL: environment(port: port).baseURL)
            )
            let runtime = LambdaRuntime(
                handler: GreetingHandler(),
                environment: environment(port: port),
                transport: transport,
                configuration: fastRetries,
                logger: quietLogger()
            )
            let loop = Task { try await runtime.run(maxInvocations: 2) }
            let answered = await eventually { await api.posts(pathSuffix: "/before/response").count == 1 }
            let polling = await eventually { await api.waitingNextCalls == 1 }
            #expect(answered && polling, "the loop answered the first invocation and polls again")
            await api.stop()
            _ = await eventually { await api.waitingNextCalls == 0 }
            return (port, loop, transport)
        }
        // Nothing listens now: the loop meets refused connections and backs off.
        let refused = await eventually { transport.connectionFailures >= 3 }
        #expect(refused, "the loop kept trying while the Runtime API was away")
        await api.resume()
        await api.enqueue(requestID: "after", body: #"{"name":"2"}"#)
        let outcomes = try await withRuntimeServer(api.router(), port: port) { _ in
            try await withTimeLimit { try await loop.value }
        }
        #expect(outcomes.map(\.requestID) == ["before", "after"])
        #expect(await api.posts(pathSuffix: "/after/response").count == 1)
        let failures = transport.connectionFailures
        #expect(failures >= 3)
        #expect(failures < 1000, "backoff, not a busy loop: \(failures) failed calls")
    }

    @Test("the long poll outlasts the post timeout, while a post that outlasts it fails as connectionFailed")
    func longPollHasNoPostTimeout() async throws {
        let api = FakeRuntimeAPI()
        // Held past the 1 s post timeout: /next must still be served, /response must time out.
        await api.setDelays(next: .milliseconds(1500), response: .milliseconds(3000))
        await api.enqueue(requestID: "slow", body: #"{"name":"s"}"#)
        let outcomes = try await withRuntimeServer(api.router()) { port in
            try await withTimeLimit {
                try await LambdaRuntime(
                    handler: GreetingHandler(),
                    environment: environment(port: port),
                    transport: URLSessionRuntimeAPITransport(baseURL: environment(port: port).baseURL, postTimeout: 1),
                    configuration: LambdaRuntimeConfiguration(postAttempts: 1),
                    logger: quietLogger()
                ).run(maxInvocations: 1)
            }
        }
        #expect(outcomes.map(\.requestID) == ["slow"], "the 1.5 s long poll was not cut at the 1 s post timeout")
        guard case .undelivered(let error) = outcomes.first?.result else {
            Issue.record("a post held past its timeout must be undelivered, got \(String(describing: outcomes.first))")
            return
        }
        #expect(error.code == .connectionFailed)
        #expect(await api.posts(pathSuffix: "/slow/response").count == 1, "the response reached the server")
    }

    @Test("a sub-second post timeout is raised to one second rather than failing every post at once")
    func subSecondPostTimeout() async throws {
        let api = FakeRuntimeAPI()
        await api.setDelays(next: .zero, response: .milliseconds(300))
        await api.enqueue(requestID: "quick", body: #"{"name":"q"}"#)
        let outcomes = try await withRuntimeServer(api.router()) { port in
            try await withTimeLimit {
                try await LambdaRuntime(
                    handler: GreetingHandler(),
                    environment: environment(port: port),
                    transport: URLSessionRuntimeAPITransport(
                        baseURL: environment(port: port).baseURL,
                        postTimeout: 0.2
                    ),
                    configuration: LambdaRuntimeConfiguration(postAttempts: 1),
                    logger: quietLogger()
                ).run(maxInvocations: 1)
            }
        }
        guard case .responded = outcomes.first?.result else {
            Issue.record(
                "a 300 ms answer must arrive within the raised 1 s timeout, got \(String(describing: outcomes.first))"
            )
            return
        }
    }

    @Test("a bootstrap whose start-up fails exits non-zero (after trying to report it)")
    func initFailureExitsNonZero() async {
        await #expect(processExitsWith: .failure) {
            let environment = LambdaEnvironment(runtimeAPI: "127.0.0.1:1")
            await LambdaRuntime(environment: environment, logger: quietLogger()) { _ -> GreetingHandler in
                throw ConfigurationMissing()
            }.runOrExit()
        }
    }

    @Test("a bootstrap started outside Lambda (no AWS_LAMBDA_RUNTIME_API) exits non-zero")
    func missingEnvironmentExitsNonZero() async {
        await #expect(processExitsWith: .failure) {
            unsetenv(LambdaEnvironment.runtimeAPIVariable)
            await LambdaRuntime(handler: GreetingHandler(), logger: quietLogger()).runOrExit()
        }
    }

    @Test("with a failure limit, an unreachable Runtime API ends the loop with connectionFailed")
    func unreachableGivesUp() async throws {
        // A port that was just free: nothing listens there once the server is gone.
        let port = try await withRuntimeServer(FakeRuntimeAPI().router()) { port in port }
        let transport = CountingTransport(URLSessionRuntimeAPITransport(baseURL: environment(port: port).baseURL))
        var configuration = fastRetries
        configuration.maxConsecutiveNextFailures = 4
        let code = try await withTimeLimit { [configuration] in
            do {
                try await LambdaRuntime(
                    handler: GreetingHandler(),
                    environment: environment(port: port),
                    transport: transport,
                    configuration: configuration,
                    logger: quietLogger()
                ).run()
                return LambdaRuntimeError.Code?.none
            } catch let error as LambdaRuntimeError {
                return error.code
            }
        }
        #expect(code == .connectionFailed)
        #expect(transport.calls == 4)
        #expect(transport.connectionFailures == 4)
    }

    @Test("cancelling the task stops a loop that is waiting in the long poll")
    func cancellationStopsLongPoll() async throws {
        let api = FakeRuntimeAPI()
        try await withRuntimeServer(api.router()) { port in
            let loop = Task {
                try await LambdaRuntime(
                    handler: GreetingHandler(),
                    environment: environment(port: port),
                    logger: quietLogger()
                ).run()
            }
            let polling = await eventually { await api.waitingNextCalls == 1 }
            #expect(polling)
            loop.cancel()
            let result = try await withTimeLimit { await loop.result }
            #expect(throws: CancellationError.self) { try result.get() }
            await api.stop()
        }
    }
}
