import Foundation
import Testing

@testable import Emulator

@Suite("Invoke API", .serialized)
struct LambdaInvokeAPITests {
    func withRegistry<R: Sendable>(
        _ functions: [LambdaFunctionConfiguration],
        clock: any LambdaClock = SystemLambdaClock(),
        _ body: (LambdaFunctionRegistry) async throws -> R
    ) async throws -> R {
        let registry = LambdaFunctionRegistry(clock: clock)
        for function in functions { await registry.register(function) }
        do {
            let result = try await body(registry)
            await registry.shutdown()
            return result
        } catch {
            await registry.shutdown()
            throw error
        }
    }

    @Test("RequestResponse with LogType Tail: 200, the payload, the executed version and the base64 log tail")
    func requestResponseTail() async throws {
        try await withRegistry([try behaviourFunction("echo")]) { registry in
            let response = await LambdaInvokeAPI.invoke(
                LambdaInvokeRequest(
                    functionName: "fn",
                    query: [:],
                    headers: ["X-Amz-Log-Type": "Tail"],
                    payload: Data("{\"a\":1}".utf8)
                ),
                registry: registry
            )
            #expect(response.status == 200)
            #expect(response.body == Data("{\"a\":1}".utf8))
            #expect(response.headers["X-Amz-Executed-Version"] == "$LATEST")
            #expect(response.headers["X-Amz-Function-Error"] == nil)
            let tail = try #require(response.headers["X-Amz-Log-Result"].flatMap { Data(base64Encoded: $0) })
            let text = String(decoding: tail, as: UTF8.self)
            #expect(text.contains("START RequestId: \(response.headers["x-amzn-RequestId"] ?? "?")"))
            #expect(text.contains("REPORT RequestId: "))
        }
    }

    @Test("a function error: 200 with X-Amz-Function-Error: Unhandled and the error as the body")
    func functionError() async throws {
        try await withRegistry([try behaviourFunction("crash")]) { registry in
            let response = await LambdaInvokeAPI.invoke(
                LambdaInvokeRequest(functionName: "fn", payload: Data("{}".utf8)),
                registry: registry
            )
            #expect(response.status == 200)
            #expect(response.headers["X-Amz-Function-Error"] == "Unhandled")
            let body = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: String])
            #expect(body["errorType"] == "Runtime.ExitError")
        }
    }

    @Test("bad requests get Lambda's errors and start nothing")
    func badRequests() async throws {
        try await withRegistry([try behaviourFunction("echo")]) { registry in
            func call(_ request: LambdaInvokeRequest) async -> LambdaHTTPResponse {
                await LambdaInvokeAPI.invoke(request, registry: registry)
            }
            let missing = await call(LambdaInvokeRequest(functionName: "nope", payload: Data()))
            #expect(missing.status == 404)
            #expect(missing.headers["x-amzn-ErrorType"] == "ResourceNotFoundException")
            let message = try #require(try JSONSerialization.jsonObject(with: missing.body) as? [String: String])
            #expect(message["Message"] == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope")
            let qualified = await call(LambdaInvokeRequest(functionName: "fn", qualifier: "7", payload: Data()))
            #expect(qualified.status == 404)
            let badType = await call(
                LambdaInvokeRequest(functionName: "fn", invocationType: "Sometimes", payload: Data())
            )
            #expect(badType.status == 400)
            let tooLarge = await call(
                LambdaInvokeRequest(functionName: "fn", payload: Data(count: LambdaLimits.requestPayload + 1))
            )
            #expect(tooLarge.status == 413)
            #expect(tooLarge.headers["x-amzn-ErrorType"] == "RequestTooLargeException")
            let notJSON = await call(LambdaInvokeRequest(functionName: "fn", payload: Data("{nope".utf8)))
            #expect(notJSON.status == 400)
            #expect(notJSON.headers["x-amzn-ErrorType"] == "InvalidRequestContentException")
            let dryRun = await call(LambdaInvokeRequest(functionName: "fn", invocationType: "DryRun", payload: Data()))
            #expect(dryRun.status == 204)
            let host = try await registry.host(named: "fn")
            #expect(await host.status().coldStarts == 0, "none of these started an instance")
            let byARN = await call(
                LambdaInvokeRequest(
                    functionName: "arn:aws:lambda:us-east-1:000000000000:function:fn",
                    payload: Data("1".utf8)
                )
            )
            #expect(byARN.status == 200 && byARN.body == Data("1".utf8))
        }
    }

    @Test("Event: 202 at once; a failing function is retried twice, one then two minutes apart on the clock")
    func eventRetries() async throws {
        let clock = ManualLambdaClock()
        let function = try behaviourFunction("error")
        try await withHost(function, clock: clock) { host in
            let attempts = AttemptLog()
            await host.invokeAsynchronously(LambdaInvocation(payload: Data("{}".utf8))) { attempt, outcome in
                await attempts.add(attempt, outcome)
            }
            let start = clock.now
            #expect(await eventually { await attempts.count == 1 })
            #expect(await eventually { clock.hasSleeper(until: start.addingTimeInterval(60)) })
            clock.advance(by: 59)
            try await Task.sleep(nanoseconds: 100_000_000)
            #expect(await attempts.count == 1, "not before a minute")
            clock.advance(by: 1)
            #expect(await eventually { await attempts.count == 2 })
            #expect(await eventually { clock.hasSleeper(until: start.addingTimeInterval(180)) })
            clock.advance(by: 120)
            #expect(await eventually { await attempts.count == 3 })
            clock.advance(by: 600)
            try await Task.sleep(nanoseconds: 200_000_000)
            #expect(await attempts.count == 3, "two retries, then the event is dropped")
            #expect(await attempts.allFailed)
        }
    }

    @Test("GetFunction and ListFunctions shapes")
    func shapes() throws {
        let function = LambdaFunctionConfiguration(
            name: "consumer",
            executablePath: "/bin/true",
            timeout: 120,
            memorySize: 256,
            reservedConcurrency: 5,
            environment: ["A": "b"]
        )
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let get = LambdaFunctionShapes.getFunction(function, lastModified: date)
        let configuration = try #require(get["Configuration"] as? [String: Any])
        #expect(configuration["FunctionArn"] as? String == "arn:aws:lambda:us-east-1:000000000000:function:consumer")
        #expect(configuration["Timeout"] as? Int == 120)
        #expect(configuration["Runtime"] as? String == "provided.al2023")
        #expect(configuration["LastModified"] as? String == "2027-01-15T08:00:00.000+0000")
        #expect((get["Concurrency"] as? [String: Int])?["ReservedConcurrentExecutions"] == 5)
        #expect(JSONSerialization.isValidJSONObject(get))
        let functions = (0..<3).map {
            (LambdaFunctionConfiguration(name: "f\($0)", executablePath: "/bin/true"), date)
        }
        let page = LambdaFunctionShapes.listFunctions(functions, marker: nil, maxItems: 2)
        #expect((page["Functions"] as? [[String: Any]])?.count == 2)
        #expect(page["NextMarker"] as? String == "f1")
        let rest = LambdaFunctionShapes.listFunctions(functions, marker: "f1", maxItems: 2)
        #expect((rest["Functions"] as? [[String: Any]])?.compactMap { $0["FunctionName"] as? String } == ["f2"])
        #expect(rest["NextMarker"] == nil)
    }
}
