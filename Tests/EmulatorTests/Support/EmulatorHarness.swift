import AWSSigV4
import Foundation
import Logging

@testable import Emulator

/// An emulator driven without HTTP: requests are built and signed as an SDK would, then handed to `respond`.
struct EmulatorHarness {
    let emulator: Emulator
    var credentials = AWSCredentials(accessKeyID: "test", secretAccessKey: "test")
    var host = "127.0.0.1:4566"
    /// The region of the credential scope requests are signed for.
    var signingRegion = "us-east-1"

    init(virtualClock: Bool = true, statePath: String? = nil, acceptAnySignature: Bool = false) throws {
        var logger = Logger(label: "emulator-test")
        logger.logLevel = .critical
        emulator = try Emulator(
            configuration: EmulatorConfiguration(
                port: 0,
                statePath: statePath,
                acceptAnySignature: acceptAnySignature,
                virtualClock: virtualClock
            ),
            logger: logger
        )
    }

    struct Answer {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        }
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
        /// `__type` without the namespace.
        var errorType: String? {
            (json["__type"] as? String).map { $0.split(separator: "#").last.map(String.init) ?? $0 }
        }
    }

    /// A signed JSON-protocol call (`AmazonSQS.SendMessage`, `secretsmanager.GetSecretValue`, …).
    func call(_ target: String, _ input: [String: Any], signed: Bool = true, date: Date = Date()) async -> Answer {
        let service =
            target.hasPrefix("AmazonSQS") ? "sqs" : target.hasPrefix("secretsmanager") ? "secretsmanager" : "sts"
        let version = service == "sqs" ? "1.0" : "1.1"
        let body = Array(try! JSONSerialization.data(withJSONObject: input))
        return await send(
            method: "POST",
            path: "/",
            query: "",
            service: service,
            headers: [("Content-Type", "application/x-amz-json-\(version)"), ("X-Amz-Target", target)],
            body: body,
            signed: signed,
            date: date
        )
    }

    /// A signed query-protocol call with form parameters.
    func query(_ parameters: [(String, String)], service: String = "sqs", path: String = "/") async -> Answer {
        let body = parameters.map { "\(SigV4Canonical.uriEncode($0.0))=\(SigV4Canonical.uriEncode($0.1))" }
            .joined(separator: "&")
        return await send(
            method: "POST",
            path: path,
            query: "",
            service: service,
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(body.utf8),
            signed: true,
            date: Date()
        )
    }

    func send(
        method: String,
        path: String,
        query: String,
        service: String,
        headers: [(String, String)],
        body: [UInt8],
        signed: Bool,
        date: Date
    ) async -> Answer {
        var request = SignableRequest(
            method: method,
            path: path,
            query: query,
            headers: [SignableRequest.Header("Host", host)] + headers.map { SignableRequest.Header($0.0, $0.1) },
            body: body
        )
        if signed {
            SigV4Signer(credentials: credentials, region: signingRegion, service: service).sign(&request, date: date)
        }
        let answer = await emulator.respond(
            EmulatorRequest(
                method: method,
                path: path,
                query: query,
                headers: request.headers.map { ($0.name, $0.value) },
                body: body
            )
        )
        return Answer(status: answer.status, headers: answer.headers, body: answer.body)
    }

    func admin(_ method: String, _ path: String, _ body: String = "") async -> Answer {
        let answer = await emulator.respond(
            EmulatorRequest(method: method, path: path, query: "", headers: [("host", host)], body: Array(body.utf8))
        )
        return Answer(status: answer.status, headers: answer.headers, body: answer.body)
    }

    /// Creates a queue and returns its URL.
    func createQueue(_ name: String, _ attributes: [String: String] = [:]) async -> String {
        let answer = await call("AmazonSQS.CreateQueue", ["QueueName": name, "Attributes": attributes])
        return answer.json["QueueUrl"] as? String ?? "<\(answer.text)>"
    }

    func advance(_ seconds: Double) async {
        _ = await admin("POST", "/_devstack/clock", "{\"advance\": \(seconds)}")
    }
}
