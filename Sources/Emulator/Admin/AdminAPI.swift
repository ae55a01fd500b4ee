import AWSSigV4
import Foundation

/// `/_devstack/…`: health, the clock, reset, JSON views of the queues and their messages (invisible ones
/// included), of the Lambda side (`AdminAPI+Lambda`) and of alarms and status (`AdminAPI+Status`) for the CLI
/// and tests. Unsigned, like every local control plane; the server is on loopback.
struct AdminAPI {
    let emulator: Emulator

    func respond(_ request: EmulatorRequest) async -> EmulatorResponse {
        let parts = request.path.split(separator: "/").map {
            String(decoding: SigV4Canonical.percentDecode($0), as: UTF8.self)
        }
        switch (request.method, Array(parts.dropFirst())) {
        case ("GET", ["health"]):
            return .json([
                "status": "ok", "services": ["sqs", "secretsmanager", "sts", "lambda"],
                "virtualClock": emulator.clock.isVirtual,
                "durable": emulator.configuration.statePath != nil,
            ])
        case ("GET", ["clock"]):
            return clockState()
        case ("POST", ["clock"]):
            do {
                let input = try JSONInput(body: request.body)
                guard let seconds = try Self.seconds(input) else {
                    return Self.error(400, "send {\"advance\": seconds} (a number >= 0)")
                }
                try emulator.clock.advance(by: seconds)
                return clockState()
            } catch let error as ClockError {
                return Self.error(409, error.description)
            } catch {
                return Self.error(400, "\(error)")
            }
        case ("POST", ["reset"]):
            do {
                try await emulator.reset()
                return .json(["reset": true])
            } catch {
                return Self.error(500, "reset failed: \(error)")
            }
        case ("GET", ["sqs", "queues"]):
            return .json(["queues": emulator.sqs.inspectQueues()])
        case ("GET", let path) where path.count == 3 && path[0] == "sqs" && path[1] == "queues":
            guard let queue = emulator.sqs.inspectQueue(path[2]) else {
                return Self.error(404, "no queue called \(path[2])")
            }
            return .json(queue)
        case ("GET", let path)
        where path.count == 4 && path[0] == "sqs" && path[1] == "queues" && path[3] == "messages":
            guard let messages = emulator.sqs.inspectMessages(path[2]) else {
                return Self.error(404, "no queue called \(path[2])")
            }
            return .json(["messages": messages])
        case ("GET", ["events"]):
            return eventsView(request)
        case ("GET", let path)
        where path.count == 4 && path[0] == "sqs" && path[1] == "messages" && path[3] == "timeline":
            return timelineView(path[2])
        case ("POST", let path)
        where path.count == 4 && path[0] == "sqs" && path[1] == "queues" && path[3] == "redrive":
            return await redrive(path[2], body: request.body)
        case (_, let path) where path.first == "dashboard":
            return respondDashboard(request, path: Array(path.dropFirst()))
        case (_, let path) where path.first == "webhooks":
            return await respondWebhooks(request, path: Array(path.dropFirst()))
        case ("GET", ["alarms"]):
            return alarmsView()
        case ("GET", ["status"]):
            return await statusView()
        case (_, let path) where path.first == "lambda":
            return await respondLambda(request, path: Array(path.dropFirst()))
        default:
            return Self.error(404, "unknown devstack endpoint \(request.method) \(request.path)")
        }
    }

    static func seconds(_ input: JSONInput) throws -> Double? {
        guard let value = input.fields["advance"] else { return nil }
        if let number = value as? NSNumber, !JSONInput.isBoolean(number), number.doubleValue >= 0,
            number.doubleValue.isFinite
        {
            return number.doubleValue
        }
        if let number = value as? Double, number >= 0, number.isFinite { return number }
        if let number = value as? Int, number >= 0 { return Double(number) }
        return nil
    }

    func clockState() -> EmulatorResponse {
        let now = emulator.clock.now()
        return .json([
            "virtual": emulator.clock.isVirtual, "now": Int64((now.timeIntervalSince1970 * 1000).rounded(.down)),
            "iso8601": ISO8601DateFormatter().string(from: now),
        ])
    }

    static func error(_ status: Int, _ message: String) -> EmulatorResponse {
        .json(["error": message], status: status)
    }
}
