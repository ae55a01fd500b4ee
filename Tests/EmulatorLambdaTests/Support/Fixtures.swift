import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TestSupport
import Testing

@testable import Emulator

/// The test bootstrap executable built from `Tests/Bootstraps/Behaviours`.
let behavioursBootstrap: String = {
    let candidates = [
        ChildProcess.packageRoot.appendingPathComponent(".build/debug/test-bootstrap-behaviours").path,
        URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
            .appendingPathComponent("test-bootstrap-behaviours").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
}()

func behaviourFunction(
    _ mode: String,
    name: String = "fn",
    timeout: Double = 5,
    reservedConcurrency: Int? = nil,
    environment: [String: String] = [:]
) throws -> LambdaFunctionConfiguration {
    try #require(
        FileManager.default.isExecutableFile(atPath: behavioursBootstrap),
        "build the bootstrap first: swift build --build-tests (looked at \(behavioursBootstrap))"
    )
    return LambdaFunctionConfiguration(
        name: name,
        executablePath: behavioursBootstrap,
        timeout: timeout,
        memorySize: 256,
        reservedConcurrency: reservedConcurrency,
        environment: environment.merging(["TEST_BOOTSTRAP_MODE": mode]) { own, _ in own }
    )
}

/// Runs `body` with a host for `configuration` and always shuts it down, then checks that no process is left.
func withHost<Result: Sendable>(
    _ configuration: LambdaFunctionConfiguration,
    clock: any LambdaClock = SystemLambdaClock(),
    initTimeout: Double = LambdaLimits.initTimeout,
    _ body: (LambdaFunctionHost) async throws -> Result
) async throws -> Result {
    let host = LambdaFunctionHost(
        configuration: configuration,
        clock: clock,
        environment: LambdaEnvironment(endpointURL: "http://127.0.0.1:4566"),
        initTimeout: initTimeout
    )
    let result: Result
    do {
        result = try await body(host)
    } catch {
        await host.shutdown()
        throw error
    }
    let pids = await host.status().pids
    await host.shutdown()
    for pid in pids { #expect(!processExists(pid), "instance \(pid) is still running after shutdown") }
    #expect(await host.status().pids.isEmpty)
    return result
}

/// Whether a process with this PID exists (a zombie counts: /proc keeps it until it is reaped).
func processExists(_ pid: Int32) -> Bool {
    FileManager.default.fileExists(atPath: "/proc/\(pid)")
}

func invoke(
    _ host: LambdaFunctionHost,
    _ body: String = #"{"hello":"world"}"#,
    clientContext: String? = nil,
    cognitoIdentity: String? = nil
) async throws -> LambdaInvocationOutcome {
    let invocation = LambdaInvocation(
        payload: Data(body.utf8),
        clientContext: clientContext,
        cognitoIdentity: cognitoIdentity
    )
    let attempt = await host.invoke(invocation)
    guard case .completed(let outcome) = attempt else {
        Issue.record("the invocation was not completed: \(attempt)")
        throw TestFailure("not completed")
    }
    return outcome
}

/// Waits (at most `seconds`, polling every 20 ms) until `condition` holds.
func eventually(_ seconds: Double = 5, _ condition: () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(nanoseconds: 20_000_000)
    }
    return await condition()
}

func logLines(_ host: LambdaFunctionHost) -> [String] {
    host.logs.events(function: host.configuration.name).map(\.message)
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension LambdaInvocationOutcome {
    var functionError: LambdaFunctionError? {
        if case .failure(let error) = self { return error }
        return nil
    }

    var text: String { String(decoding: payload, as: UTF8.self) }
}

/// A clock that moves only when told: sleepers wake when `advance` passes their deadline.
final class ManualLambdaClock: LambdaClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var sleepers: [(Date, CheckedContinuation<Void, Never>)] = []

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    var now: Date { lock.withLock { current } }

    var sleeperCount: Int { lock.withLock { sleepers.count } }

    /// Whether someone sleeps until exactly `deadline`.
    func hasSleeper(until deadline: Date) -> Bool { lock.withLock { sleepers.contains { $0.0 == deadline } } }

    func sleep(until deadline: Date) async throws {
        await withCheckedContinuation { continuation in
            let ready: Bool = lock.withLock {
                if deadline <= current { return true }
                sleepers.append((deadline, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
        try Task.checkCancellation()
    }

    func advance(by seconds: Double) {
        let due: [CheckedContinuation<Void, Never>] = lock.withLock {
            current = current.addingTimeInterval(seconds)
            let due = sleepers.filter { $0.0 <= current }.map(\.1)
            sleepers.removeAll { $0.0 <= current }
            return due
        }
        for continuation in due { continuation.resume() }
    }
}

/// A router that hands every request to the Lambda API dispatcher, as `Emulator.respond` does after its
/// signature check (for tests of the dispatcher with fakes behind it; `EmulatorServer` is the real front end).
func lambdaAPIRouter(_ dispatcher: LambdaAPIDispatcher) -> FrozenRouter {
    let router = Router()
    for method in [HTTPRequest.Method.get, .post, .put, .delete] {
        router.on("**", method: method) { request, _ -> Response in
            var request = request
            let buffer = try await request.collectBody(upTo: 8 * 1024 * 1024)
            let answer =
                await dispatcher.respond(
                    EmulatorRequest(
                        method: request.method.rawValue,
                        path: request.uri.path,
                        query: request.uri.query ?? "",
                        headers: request.headers.map { ($0.name.canonicalName, $0.value) },
                        body: Array(buffer.readableBytesView)
                    )
                )
                ?? EmulatorResponse(status: 404)
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let field = HTTPField.Name(name) { fields[field] = value }
            }
            return Response(
                status: HTTPResponse.Status(code: answer.status),
                headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
            )
        }
    }
    return FrozenRouter(router)
}

/// Where a burst bootstrap's lines landed: how many `burst <request id> line N` lines each request wrote, and
/// how many of them fell outside that request's START…END or carry another request id.
func burstPlacement(_ events: [LambdaLogEvent]) -> (linesPerRequest: [String: Int], misplaced: [String]) {
    var current: String?
    var seen: [String: Int] = [:]
    var misplaced: [String] = []
    for event in events {
        let message = event.message
        if message.hasPrefix("START RequestId: ") {
            current = message.split(separator: " ")[2].description
        } else if message.hasPrefix("END RequestId: ") {
            current = nil
        } else if message.hasPrefix("burst ") {
            let id = message.split(separator: " ")[1].description
            seen[id, default: 0] += 1
            if id != current || event.requestID != id { misplaced.append(message) }
        }
    }
    return (seen, misplaced)
}
