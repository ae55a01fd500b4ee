import Foundation
import LambdaRuntime
import Logging
import Synchronization

struct Greeting: Codable, Sendable, Equatable {
    var name: String
}

struct Reply: Codable, Sendable, Equatable {
    var message: String
}

/// Greets, or throws `HandlerFailure` for the name "fail".
struct GreetingHandler: LambdaHandler {
    func handle(_ event: Greeting, context: LambdaContext) async throws -> Reply {
        if event.name == "fail" { throw HandlerFailure(reason: "asked to fail") }
        return Reply(message: "hello \(event.name)")
    }
}

struct HandlerFailure: Error, CustomStringConvertible {
    var reason: String
    var description: String { "HandlerFailure: \(reason)" }
}

struct ConfigurationMissing: LambdaReportableError, CustomStringConvertible {
    var functionErrorType: String { "Runtime.ConfigInvalid" }
    var description: String { "the routing table is missing" }
}

/// Counts how often something happened, across tasks.
final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

/// Keeps what handlers saw, across tasks.
final class Recorder<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])
    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
}

/// A clock stopped at one instant.
struct FixedClock: LambdaClock {
    var milliseconds: Int64
    func nowMilliseconds() -> Int64 { milliseconds }
}

func quietLogger() -> Logger {
    Logger(label: "runtime-test", factory: { _ in SwiftLogNoOpLogHandler() })
}

func environment(port: Int) -> LambdaEnvironment {
    LambdaEnvironment(runtimeAPI: "127.0.0.1:\(port)", functionName: "test", region: "us-east-1")
}

/// Quick retries so that reconnect tests stay short; still never zero.
let fastRetries = LambdaRuntimeConfiguration(
    backoff: ReconnectBackoff(initialDelay: .milliseconds(5), maxDelay: .milliseconds(50))
)
