// A custom-runtime bootstrap for the emulator's tests, written over plain URLSession. Its behaviour is chosen by
// TEST_BOOTSTRAP_MODE (see `Mode`); every mode serves invocations in the usual `/next` loop unless it says
// otherwise.
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

enum Mode: String {
    case echo  // answer with the event
    case noop  // answer with the event, printing nothing (for benchmarks)
    case sleep  // sleep TEST_BOOTSTRAP_SLEEP seconds (default 600), then answer
    case crash  // exit(3) in the middle of an invocation
    case exit  // exit(2) at once, before polling
    case neverPoll = "never-poll"  // start and never call /next
    case answerTwice = "answer-twice"  // answer, then answer again and print the status of the second
    case unknownID = "unknown-id"  // answer an invented request id, print the status, then answer properly
    case garbage  // print non-UTF-8 and very long lines, answer with a non-JSON body
    case malformedBatch = "malformed-batch"  // answer {"batchItemFailures": "oops"}
    case batchFailures = "batch-failures"  // fail the records of TEST_BOOTSTRAP_FAILURES (comma-separated ids)
    case error  // post to /error with errorType TestError
    case initError = "init-error"  // post /init/error, then wait to be stopped
    case tooLarge = "too-large"  // answer with 7 MB, print the status
    case environment  // answer with the environment as JSON
    case headers  // answer with the /next headers as JSON
    case burst  // print TEST_BOOTSTRAP_LINES lines (default 50) naming the request, then answer
}

let environment = ProcessInfo.processInfo.environment
let mode = Mode(rawValue: environment["TEST_BOOTSTRAP_MODE"] ?? "echo") ?? .echo
let api = "http://\(environment["AWS_LAMBDA_RUNTIME_API"] ?? "127.0.0.1:9001")/2018-06-01/runtime"
let configuration = URLSessionConfiguration.ephemeral
configuration.timeoutIntervalForRequest = 86_400
configuration.timeoutIntervalForResource = 86_400
let session = URLSession(configuration: configuration)

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

@discardableResult
func post(_ path: String, _ body: Data, headers: [String: String] = [:]) async -> Int {
    var request = URLRequest(url: URL(string: api + path)!)
    request.httpMethod = "POST"
    request.httpBody = body
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    guard let (_, response) = try? await session.data(for: request) else { return -1 }
    return (response as? HTTPURLResponse)?.statusCode ?? -1
}

func json(_ object: Any) -> Data {
    (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
}

switch mode {
case .exit:
    say("exiting at once")
    exit(2)
case .neverPoll:
    say("never polling")
    while true { sleep(3600) }
case .initError:
    await post(
        "/init/error",
        json(["errorType": "Runtime.TestInitError", "errorMessage": "init failed on purpose"]),
        headers: ["Lambda-Runtime-Function-Error-Type": "Runtime.TestInitError"]
    )
    while true { sleep(3600) }
default:
    break
}

for _ in 0..<1_000_000 {
    guard let (event, response) = try? await session.data(from: URL(string: api + "/invocation/next")!),
        let http = response as? HTTPURLResponse, http.statusCode == 200,
        let requestID = http.value(forHTTPHeaderField: "Lambda-Runtime-Aws-Request-Id")
    else {
        say("next failed")
        exit(1)
    }
    let respond = "/invocation/\(requestID)/response"
    if mode == .noop {
        await post(respond, event)
        continue
    }
    say("invoked \(requestID)")
    FileHandle.standardError.write(Data("stderr line for \(requestID)\n".utf8))
    switch mode {
    case .echo:
        await post(respond, event)
    case .sleep:
        usleep(UInt32((Double(environment["TEST_BOOTSTRAP_SLEEP"] ?? "") ?? 600) * 1_000_000))
        await post(respond, event)
    case .crash:
        say("crashing in \(requestID)")
        exit(3)
    case .answerTwice:
        let first = await post(respond, event)
        let second = await post(respond, event)
        say("first answer: \(first), second answer: \(second)")
    case .unknownID:
        let status = await post("/invocation/00000000-0000-0000-0000-000000000000/response", event)
        say("unknown id answer: \(status)")
        await post(respond, event)
    case .garbage:
        FileHandle.standardOutput.write(Data([0xFF, 0xFE, 0x00, 0x41, 0x0A]))
        say(String(repeating: "x", count: 100_000))
        await post(respond, Data("this is not json {".utf8))
    case .malformedBatch:
        await post(respond, Data(#"{"batchItemFailures": "oops"}"#.utf8))
    case .batchFailures:
        let ids = (environment["TEST_BOOTSTRAP_FAILURES"] ?? "").split(separator: ",").map(String.init)
        await post(respond, json(["batchItemFailures": ids.map { ["itemIdentifier": $0] }]))
    case .error:
        await post(
            "/invocation/\(requestID)/error",
            json(["errorType": "TestError", "errorMessage": "failed on purpose", "stackTrace": [] as [String]]),
            headers: ["Lambda-Runtime-Function-Error-Type": "TestError"]
        )
    case .tooLarge:
        let status = await post(respond, Data(repeating: 0x61, count: 7 * 1024 * 1024))
        say("too large answer: \(status)")
    case .environment:
        await post(respond, json(environment))
    case .burst:
        let count = Int(environment["TEST_BOOTSTRAP_LINES"] ?? "") ?? 50
        for line in 0..<count { say("burst \(requestID) line \(line)") }
        await post(respond, event)
    case .headers:
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        await post(respond, json(headers))
    case .exit, .neverPoll, .initError, .noop:
        break
    }
}
