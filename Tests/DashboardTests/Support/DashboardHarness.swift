import Foundation
import Logging

@testable import Emulator

/// An emulator on a virtual clock driven without HTTP (signatures not checked: these tests are about the control
/// API), as the dashboard's endpoints see it.
struct DashboardHarness {
    let emulator: Emulator
    var host = "127.0.0.1:4566"

    init(fixturesPath: String? = nil) throws {
        var logger = Logger(label: "dashboard-test")
        logger.logLevel = .critical
        emulator = try Emulator(
            configuration: EmulatorConfiguration(
                port: 0,
                acceptAnySignature: true,
                virtualClock: true,
                fixturesPath: fixturesPath
            ),
            logger: logger
        )
    }

    struct Answer {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    func call(_ target: String, _ input: [String: Any]) async -> Answer {
        let body = Array(try! JSONSerialization.data(withJSONObject: input))
        let answer = await emulator.respond(
            EmulatorRequest(
                method: "POST",
                path: "/",
                query: "",
                headers: [
                    ("host", host), ("content-type", "application/x-amz-json-1.0"), ("x-amz-target", target),
                ],
                body: body
            )
        )
        return Answer(status: answer.status, headers: answer.headers, body: answer.body)
    }

    func admin(
        _ method: String,
        _ target: String,
        _ body: String = "",
        headers: [(String, String)]? = nil
    ) async
        -> Answer
    {
        let answer = await emulator.respond(
            EmulatorRequest(
                method: method,
                target: target,
                headers: headers ?? [("host", host)],
                body: Array(body.utf8)
            )
        )
        return Answer(status: answer.status, headers: answer.headers, body: answer.body)
    }

    func createQueue(_ name: String, _ attributes: [String: String] = [:]) async -> String {
        let answer = await call("AmazonSQS.CreateQueue", ["QueueName": name, "Attributes": attributes])
        return answer.json["QueueUrl"] as? String ?? "<\(answer.text)>"
    }

    func advance(_ seconds: Double) async {
        _ = await admin("POST", "/_devstack/clock", "{\"advance\": \(seconds)}")
    }

    /// `ApproximateNumberOfMessages` of the queue at `url`.
    func visibleCount(_ url: String) async -> Int? {
        let answer = await call(
            "AmazonSQS.GetQueueAttributes",
            ["QueueUrl": url, "AttributeNames": ["ApproximateNumberOfMessages"]]
        )
        return ((answer.json["Attributes"] as? [String: String])?["ApproximateNumberOfMessages"]).flatMap { Int($0) }
    }
}
