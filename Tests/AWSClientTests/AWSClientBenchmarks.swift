import AWSClient
import Foundation
import Hummingbird
import TestSupport
import Testing

/// Throughput figures, run only with `AWSCLIENT_BENCHMARK=1` (they assert correctness, never timing).
@Suite("Benchmarks", .enabled(if: ProcessInfo.processInfo.environment["AWSCLIENT_BENCHMARK"] != nil))
struct AWSClientBenchmarks {
    static let count = 2_000

    @Test("client overhead: encode, sign, decode and verify MD5s of SendMessage, no I/O")
    func clientOverhead() async throws {
        let clock = FakeClock()
        let body = String(repeating: "x", count: 2_048)
        let attributes: [String: SQSMessageAttributeValue] = ["team": .string("backend")]
        let answer = AWSHTTPResponse.json(
            200,
            #"{"MessageId":"m","MD5OfMessageBody":"\#(SQSChecksum.body(body))","MD5OfMessageAttributes":"\#(SQSChecksum.attributes(attributes)!)"}"#
        )
        let transport = ConstantTransport(answer: answer)
        let sqs = try Fixtures.sqs(transport, clock: clock)
        let start = ContinuousClock.now
        for _ in 0..<Self.count {
            _ = try await sqs.sendMessage(
                queueURL: Fixtures.queueURL,
                body: body,
                attributes: attributes,
                deadline: clock.now.advanced(by: .seconds(10))
            )
        }
        let elapsed = start.duration(to: .now)
        print("BENCH client overhead: \(Self.count) SendMessage in \(elapsed), \(Self.perSecond(elapsed)) calls/s")
        #expect(transport.count == Self.count)
    }

    @Test("round trips: sequential SendMessage over URLSessionTransport to a local server that verifies SigV4")
    func roundTrips() async throws {
        let server = FakeSQSServer { _, body, _ in
            let text = body["MessageBody"] as? String ?? ""
            return FakeSQSServer.json(200, #"{"MessageId":"m","MD5OfMessageBody":"\#(SQSChecksum.body(text))"}"#)
        }
        try await withTestServer(BuiltResponder(server.router)) { baseURL in
            let sqs = SQSClient(
                configuration: try Fixtures.configuration(["AWS_ENDPOINT_URL_SQS": baseURL.absoluteString]),
                transport: URLSessionTransport(),
                logger: Fixtures.logger
            )
            let start = ContinuousClock.now
            for index in 0..<Self.count {
                _ = try await sqs.sendMessage(
                    queueURL: "q",
                    body: "message \(index)",
                    deadline: AWSDeadline.after(.seconds(10))
                )
            }
            let elapsed = start.duration(to: .now)
            print("BENCH round trips: \(Self.count) SendMessage in \(elapsed), \(Self.perSecond(elapsed)) calls/s")
        }
        #expect(server.requests.count == Self.count)
        #expect(server.requests.allSatisfy { $0.signatureError == nil })
    }

    @Test("transport only: sequential small POSTs over URLSessionTransport to a local server that just answers")
    func transportOnly() async throws {
        let router = Router()
        let count = RequestCounter()
        router.post("/") { _, _ -> Response in
            count.increment()
            return FakeSQSServer.json(200, "{}")
        }
        try await withTestServer(BuiltResponder(router)) { baseURL in
            let transport = URLSessionTransport()
            let request = AWSHTTPRequest(method: "POST", url: baseURL, body: Array("{}".utf8))
            let start = ContinuousClock.now
            for _ in 0..<Self.count {
                let response = try await transport.send(request, timeout: .seconds(10))
                try #require(response.status == 200)
            }
            let elapsed = start.duration(to: .now)
            print("BENCH transport only: \(Self.count) POSTs in \(elapsed), \(Self.perSecond(elapsed)) requests/s")
        }
        #expect(count.value == Self.count)
    }

    static func perSecond(_ elapsed: Duration) -> Int {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Int(Double(count) / seconds)
    }
}
