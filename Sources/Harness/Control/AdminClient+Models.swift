import Foundation

/// A queue as `GET /_devstack/sqs/queues` lists it.
package struct QueueSummary: Codable, Sendable, Equatable {
    package var name: String
    package var arn: String?
    package var visible: Int
    package var inFlight: Int
    package var delayed: Int
    package var redrivePolicy: RedrivePolicy?

    package struct RedrivePolicy: Codable, Sendable, Equatable {
        package var deadLetterTargetArn: String
        package var maxReceiveCount: Int
    }
}

/// A message as `GET /_devstack/sqs/queues/NAME/messages` shows it, invisible ones included.
package struct QueueMessage: Codable, Sendable, Equatable {
    package var messageId: String
    package var body: String
    package var receiveCount: Int
    /// Milliseconds since the epoch, on the emulator's clock.
    package var sentTimestamp: Int64
    /// `visible`, `inFlight` or `delayed`.
    package var state: String
    package var messageAttributes: [String: Attribute]?
    package var deadLetterQueueSourceArn: String?

    package struct Attribute: Codable, Sendable, Equatable {
        package var dataType: String
        package var stringValue: String?
        package var binaryValue: String?
    }

    /// The attributes that carry a string value (String and Number types), by name.
    package var stringAttributes: [String: String] {
        (messageAttributes ?? [:]).compactMapValues(\.stringValue)
    }

    /// The first line of the body, cut to `limit` characters.
    package func firstLine(limit: Int = 60) -> String {
        let line = body.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}

/// A queue's counts and its messages, as the scenario runner looks at them.
package struct QueueState: Sendable, Equatable {
    package var summary: QueueSummary
    package var messages: [QueueMessage]

    package var visible: Int { summary.visible }
    package var inFlight: Int { summary.inFlight }
    package var delayed: Int { summary.delayed }
}

/// The emulator's clock: `now` in milliseconds since the epoch.
package struct ClockState: Codable, Sendable, Equatable {
    package var virtual: Bool
    package var now: Int64
    package var iso8601: String
}

/// A function as `GET /_devstack/lambda/functions` lists it.
package struct FunctionSummary: Codable, Sendable, Equatable {
    package var name: String
    package var arn: String?
    package var instances: Int
    package var busy: Int
    package var invocations: Int
    package var errors: Int
    /// The PIDs of the live instances' processes (absent from older emulators).
    package var pids: [Int]?
}

/// One invocation as `GET /_devstack/lambda/invocations` journals it; times in milliseconds since the epoch on
/// the emulator's clock.
package struct InvocationRecord: Codable, Sendable, Equatable {
    package var requestId: String
    package var function: String
    /// Who asked: `invoke`, `event` (asynchronous Invoke), `sqs` (an event source mapping) or `url`.
    package var source: String
    package var startedAt: Int64
    /// nil while it runs.
    package var endedAt: Int64?
    /// `running`, `success`, `error`, `timeout` or `crash`.
    package var outcome: String
    package var errorType: String?
    package var errorMessage: String?
    /// The SQS message ids of the batch (empty for other sources).
    package var messageIds: [String]
}

/// `GET /_devstack/health`.
package struct HealthStatus: Codable, Sendable, Equatable {
    package var status: String
    package var services: [String]
    package var virtualClock: Bool
    package var durable: Bool
}

/// One page of `GET /_devstack/lambda/logs`; `next` is the `after` of the following page.
package struct LogPage: Codable, Sendable, Equatable {
    package var events: [LogEvent]
    package var next: Int
}

/// One captured log line of a function (its output, or START/END/REPORT).
package struct LogEvent: Codable, Sendable, Equatable {
    package var seq: Int
    /// The function that wrote it (the emulator names it when logs of every function are asked for).
    package var function: String?
    /// Milliseconds since the epoch on the emulator's clock, when given.
    package var time: Int64?
    package var requestId: String?
    package var message: String

    package init(seq: Int, function: String? = nil, time: Int64?, requestId: String?, message: String) {
        self.seq = seq
        self.function = function
        self.time = time
        self.requestId = requestId
        self.message = message
    }

    enum CodingKeys: String, CodingKey { case seq, function, time, requestId, message }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seq = try container.decode(Int.self, forKey: .seq)
        function = try container.decodeIfPresent(String.self, forKey: .function)
        // Milliseconds as a number; an ISO-8601 string is accepted as well.
        if let millis = try? container.decodeIfPresent(Int64.self, forKey: .time) {
            time = millis
        } else if let text = try? container.decodeIfPresent(String.self, forKey: .time),
            let date = (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
                ?? (try? Date(text, strategy: .iso8601))
        {
            time = Int64((date.timeIntervalSince1970 * 1000).rounded())
        } else {
            time = nil
        }
        requestId = try container.decodeIfPresent(String.self, forKey: .requestId)
        message = try container.decode(String.self, forKey: .message)
    }
}

/// An alarm as `GET /_devstack/alarms` reports it.
package struct AlarmStatus: Codable, Sendable, Equatable {
    package var name: String
    package var state: String
    package var reason: String
    package var value: Double?

    package init(name: String, state: String, reason: String, value: Double?) {
        self.name = name
        self.state = state
        self.reason = reason
        self.value = value
    }
}

/// `GET /_devstack/status`: functions, queue depths and alarms in one answer.
package struct StatusReport: Codable, Sendable, Equatable {
    package var functions: [FunctionSummary]
    package var queues: [QueueSummary]
    package var alarms: [AlarmStatus]

    package init(functions: [FunctionSummary], queues: [QueueSummary], alarms: [AlarmStatus]) {
        self.functions = functions
        self.queues = queues
        self.alarms = alarms
    }
}

struct QueueList: Decodable { var queues: [QueueSummary] }
struct MessageList: Decodable { var messages: [QueueMessage] }
struct FunctionList: Decodable { var functions: [FunctionSummary] }
struct InvocationList: Decodable { var invocations: [InvocationRecord] }
struct KillResult: Decodable { var killed: [Int] }
struct AlarmList: Decodable { var alarms: [AlarmStatus] }
