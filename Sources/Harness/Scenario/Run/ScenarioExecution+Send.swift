import AWSClient
import Foundation
import Stubs

extension ScenarioExecution {
    /// Sends `count` webhooks through the producer's Function URL (ten at a time, as Sentry's workers would),
    /// signed, forged or unsigned, and checks every answer's status when the step says which it must be.
    mutating func send(_ send: ScenarioStep.Send, field: String, prefix: String) async throws -> [String] {
        var template: [UInt8]
        var what: String
        if let fixture = send.fixture {
            let url = fixture.contains("/") ? resolve(fixture) : fixtures.appendingPathComponent("webhooks/\(fixture)")
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ScenarioRunError("no webhook fixture at \(url.path)")
            }
            template = Demo.trimmed(Array(data))
            what = fixture
        } else {
            template = Array((send.body ?? "").utf8)
            what = "a \(template.count)-byte body"
        }
        if send.title != nil || send.padBytes != nil {
            template = try Self.customized(template, title: send.title, padBytes: send.padBytes)
            what += send.padBytes.map { _ in " padded to \(template.count) bytes" } ?? ""
            what += send.title.map { " titled \(String(reflecting: $0))" } ?? ""
        }
        var bodies: [[UInt8]] = []
        for _ in 0..<send.count {
            bodies.append(send.freshEventID ? try Demo.freshAlert(Data(template)) : template)
        }
        let secret = try Demo.clientSecret(handle.stack)
        let url = await handle.webhookURL
        let transport = self.transport
        let clock = ContinuousClock()
        let began = clock.now
        let answers = try await withThrowingTaskGroup(of: (Int, Int?, String?).self) { group in
            var next = 0
            var answers = [(Int?, String?)](repeating: (nil, nil), count: bodies.count)
            func start() {
                guard next < bodies.count else { return }
                let index = next
                let body = bodies[index]
                next += 1
                group.addTask {
                    let (status, messageID) = await Self.post(
                        body,
                        to: url,
                        secret: secret,
                        signature: send.signature,
                        resource: send.resource,
                        transport: transport
                    )
                    return (index, status, messageID)
                }
            }
            for _ in 0..<min(10, bodies.count) { start() }
            while let (index, status, messageID) = try await group.next() {
                answers[index] = (status, messageID)
                start()
            }
            return answers
        }
        let statuses = answers.map(\.0)
        let ids = answers.compactMap(\.1)
        if let label = send.label {
            labels[label, default: []].append(contentsOf: ids)
            responses[label, default: []].append(contentsOf: statuses)
        }
        let summary = Dictionary(grouping: statuses.map { $0.map { "HTTP \($0)" } ?? "no answer" }) { $0 }
            .map { "\($0.value.count) × \($0.key)" }.sorted().joined(separator: ", ")
        let signing = send.signature == .valid ? "" : " (\(send.signature == .none ? "unsigned" : "forged signature"))"
        let resource = send.resource == "event_alert" ? "" : " as \(send.resource)"
        say(
            "\(prefix) sent \(send.count) × \(what)\(resource)\(signing) → \(summary) in \(ScenarioDuration.describe(ScenarioRunner.seconds(clock.now - began)))"
        )
        if let wanted = send.expectStatus {
            let wrong = statuses.filter { $0 != wanted }
            if !wrong.isEmpty {
                return ["\(field).send: expected every answer to be HTTP \(wanted), got \(summary)"]
            }
        }
        return []
    }

    /// The fixture's event with `data.event.title` replaced and a `data.event.padding` field of `padBytes` bytes.
    static func customized(_ fixture: [UInt8], title: String?, padBytes: Int?) throws -> [UInt8] {
        guard var root = try JSONSerialization.jsonObject(with: Data(fixture)) as? [String: Any],
            var data = root["data"] as? [String: Any], var event = data["event"] as? [String: Any]
        else { throw ScenarioRunError("'title' and 'pad_bytes' need an event_alert fixture") }
        if let title { event["title"] = title }
        if let padBytes { event["padding"] = String(repeating: "x", count: padBytes) }
        data["event"] = event
        root["data"] = data
        return Array(try JSONSerialization.data(withJSONObject: root, options: [.withoutEscapingSlashes]))
    }

    /// One webhook POST; the status (nil when there was no answer) and the producer's `messageId` if any.
    static func post(
        _ body: [UInt8],
        to url: URL,
        secret: String,
        signature: ScenarioStep.Signature,
        resource: String,
        transport: any HTTPTransport
    ) async -> (Int?, String?) {
        var headers = WebhookSender.headers(body: body, secret: secret, resource: resource)
        switch signature {
        case .valid: break
        case .forged:
            headers = headers.map {
                $0.name == "Sentry-Hook-Signature"
                    ? ($0.name, WebhookSender.signature(body: body, secret: "not-the-client-secret")) : $0
            }
        case .none:
            headers.removeAll { $0.name == "Sentry-Hook-Signature" }
        }
        do {
            // A generous timeout: scenarios check behaviour; the producer's latency is a benchmark.
            let response = try await transport.send(
                AWSHTTPRequest(method: "POST", url: url, headers: headers, body: body),
                timeout: .seconds(15)
            )
            let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
            return (response.status, object?["messageId"] as? String)
        } catch {
            return (nil, nil)
        }
    }
}
