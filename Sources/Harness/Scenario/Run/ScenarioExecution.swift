import AWSClient
import Foundation
import Logging
import Stubs
import Topology

/// One scenario's steps against one stack, in order. A step that fails (an expectation that does not hold, a
/// step that cannot be carried out, the scenario's wall-time bound) ends the scenario; its failures are returned.
struct ScenarioExecution {
    let scenario: Scenario
    let handle: any ScenarioStackHandle
    let fixtures: URL
    let lines: LineCollector
    let logger: Logger
    let wallLimit: Double
    let transport = URLSessionTransport()
    let started = ContinuousClock.now

    /// Fault names → (stub, rule id).
    var faults: [String: (ScenarioStep.Stub, Int)] = [:]
    /// Labels → the message ids of the sends/replays that defined them.
    var labels: [String: [String]] = [:]
    /// Labels → the HTTP status of each webhook answer (nil: no answer).
    var responses: [String: [Int?]] = [:]
    /// Virtual seconds the scenario moved the clock.
    var advanced = 0.0

    init(
        scenario: Scenario,
        handle: any ScenarioStackHandle,
        fixtures: URL,
        lines: LineCollector,
        logger: Logger,
        wallLimit: Double
    ) {
        self.scenario = scenario
        self.handle = handle
        self.fixtures = fixtures
        self.lines = lines
        self.logger = logger
        self.wallLimit = wallLimit
    }

    func admin() async -> AdminClient {
        AdminClient(endpoint: await handle.awsEndpoint, transport: transport)
    }

    func sqs() async throws -> SQSClient {
        let stack = handle.stack
        let configuration = try AWSConfiguration(environment: [
            "AWS_ACCESS_KEY_ID": stack.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": stack.credentials.secretAccessKey, "AWS_REGION": stack.region,
            "AWS_ENDPOINT_URL": await handle.awsEndpoint.absoluteString,
        ])
        return SQSClient(configuration: configuration, transport: transport, logger: logger)
    }

    var wallSeconds: Double { ScenarioRunner.seconds(ContinuousClock.now - started) }

    func say(_ line: String) { lines.add(line) }

    mutating func run() async -> [String] {
        for (index, step) in scenario.steps.enumerated() {
            if wallSeconds > wallLimit {
                return ["\(step.field): the scenario ran out of its \(Int(wallLimit)) s of wall time"]
            }
            let prefix = "  [\(index + 1)/\(scenario.steps.count)]"
            do {
                let failures = try await perform(step, prefix: prefix)
                if !failures.isEmpty {
                    for failure in failures { say("      ✘ \(failure)") }
                    return failures
                }
            } catch {
                let message = "\(step.field): \(error)"
                say("      ✘ \(message)")
                return [message]
            }
        }
        return []
    }

    func finish() async {
        await handle.shutdown()
    }

    // MARK: Steps

    mutating func perform(_ step: ScenarioStep, prefix: String) async throws -> [String] {
        switch step.action {
        case .fault(let stub, let spec, let name):
            let id = server(stub).faults.add(spec)
            if let name { faults[name] = (stub, id) }
            say("\(prefix) fault on \(stub.rawValue): \(spec.json.text)")
        case .removeFault(let name):
            guard let (stub, id) = faults[name] else { throw ScenarioRunError("no fault named '\(name)'") }
            let applied = server(stub).faults.rules.first { $0.id == id }?.applied ?? 0
            _ = server(stub).faults.remove(id: id)
            say("\(prefix) fault '\(name)' lifted on \(stub.rawValue) (it applied \(applied) times)")
        case .clearFaults(let stub):
            server(stub).faults.reset()
            say("\(prefix) every fault lifted on \(stub.rawValue)")
        case .send(let send):
            return try await self.send(send, field: step.field, prefix: prefix)
        case .queueSend(let send):
            let client = try await sqs()
            let url = try await client.getQueueURL(queueName: send.queue, deadline: AWSDeadline.after(.seconds(10)))
            let result = try await client.sendMessage(
                queueURL: url,
                body: send.body,
                attributes: send.attributes.mapValues { .string($0) },
                deadline: AWSDeadline.after(.seconds(10))
            )
            if let label = send.label { labels[label, default: []].append(result.messageID) }
            say("\(prefix) SendMessage to \(send.queue) → \(result.messageID)")
        case .advance(let seconds):
            try await settle()
            _ = try await admin().advanceClock(by: seconds)
            advanced += seconds
            say("\(prefix) clock advanced \(ScenarioDuration.describe(seconds))")
        case .advanceUntil(let until):
            return try await advanceUntil(until, field: step.field, prefix: prefix)
        case .waitUntil(let until):
            return try await waitUntil(until, field: step.field, prefix: prefix)
        case .sleep(let seconds):
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            say("\(prefix) waited \(ScenarioDuration.describe(seconds))")
        case .killFunction(let function, let waitSeconds):
            return try await killFunction(function, waitSeconds: waitSeconds, field: step.field, prefix: prefix)
        case .killEmulator:
            try await handle.killEmulator()
            say("\(prefix) emulator killed (kill -9)")
        case .restartEmulator:
            let clock = ContinuousClock()
            let began = clock.now
            try await handle.restartEmulator()
            say(
                "\(prefix) emulator restarted on the same state in \(String(format: "%.2f s", ScenarioRunner.seconds(clock.now - began)))"
            )
        case .redrive(let from, let to):
            try await redrive(from: from, to: to)
            say("\(prefix) DLQ \(from) re-driven (StartMessageMoveTask)\(to.map { " to \($0)" } ?? "")")
        case .replay(let file, let queue, let label):
            let ids = try await replay(file: file, queue: queue)
            if let label { labels[label, default: []].append(contentsOf: ids) }
            say("\(prefix) replayed \(ids.count) message(s) of \(file) into \(queue)")
        case .expect(let expectations):
            var failures: [String] = []
            for expectation in expectations {
                if let failure = await evaluate(expectation) {
                    failures.append("\(expectation.field): \(failure)")
                } else {
                    say("\(prefix) ✔ \(describe(expectation))")
                }
            }
            return failures
        }
        return []
    }

    func server(_ stub: ScenarioStep.Stub) -> StubServer {
        stub == .asana ? handle.stubs.asanaServer : handle.stubs.sentryServer
    }

    // MARK: Clock

    /// Virtual clock: check, wait for the functions to be idle, step the clock; until the conditions hold or the
    /// limit is reached (`VirtualClockDriver`).
    mutating func advanceUntil(_ until: ScenarioStep.Until, field: String, prefix: String) async throws -> [String] {
        let driver = VirtualClockDriver(admin: await admin())
        let wallLeft = max(0, wallLimit - wallSeconds)
        let outcome = try await driver.advance(step: until.step, limit: until.limit, wallLimit: wallLeft) {
            for condition in until.conditions {
                if await evaluate(condition) != nil { return false }
            }
            return true
        }
        advanced += outcome.moved
        let conditions = until.conditions.map(describe).joined(separator: "; ")
        if outcome.held {
            if outcome.steps == 0 {
                say("\(prefix) already true, the clock left alone: \(conditions)")
            } else {
                say(
                    "\(prefix) advanced the clock \(ScenarioDuration.describe(outcome.moved)) in \(outcome.steps) steps (\(ScenarioDuration.describe(outcome.wall)) of wall time) until: \(conditions)"
                )
            }
            return []
        }
        var failures: [String] = []
        for condition in until.conditions {
            if let failure = await evaluate(condition) { failures.append("\(condition.field): \(failure)") }
        }
        if wallSeconds > wallLimit {
            return ["\(field): the scenario ran out of its \(Int(wallLimit)) s of wall time"] + failures
        }
        return ["\(field): still not true after advancing the clock \(ScenarioDuration.describe(outcome.moved))"]
            + failures
    }

    /// Real clock: poll until the conditions hold or the limit passes.
    func waitUntil(_ until: ScenarioStep.Until, field: String, prefix: String) async throws -> [String] {
        let clock = ContinuousClock()
        let began = clock.now
        while true {
            var failures: [String] = []
            for condition in until.conditions {
                if let failure = await evaluate(condition) { failures.append("\(condition.field): \(failure)") }
            }
            let waited = ScenarioRunner.seconds(clock.now - began)
            if failures.isEmpty {
                say(
                    "\(prefix) waited \(ScenarioDuration.describe(waited)) until: \(until.conditions.map(describe).joined(separator: "; "))"
                )
                return []
            }
            if waited >= until.limit || wallSeconds > wallLimit {
                return ["\(field): still not true after \(ScenarioDuration.describe(waited))"] + failures
            }
            try await Task.sleep(for: .milliseconds(Int(until.step * 1000)))
        }
    }

    /// Waits (bounded) until no invocation is under way (`VirtualClockDriver.settle`).
    func settle() async throws {
        do {
            try await VirtualClockDriver(admin: await admin()).settle()
        } catch let error as VirtualClockError {
            throw ScenarioRunError(error.description)
        }
    }

    // MARK: Functions

    func killFunction(_ function: String, waitSeconds: Double, field: String, prefix: String) async throws -> [String] {
        let clock = ContinuousClock()
        let began = clock.now
        let admin = await admin()
        while ScenarioRunner.seconds(clock.now - began) < waitSeconds {
            if let state = try await admin.functions().first(where: { $0.name == function }), state.busy > 0 {
                let killed = try await admin.kill(function: function)
                if killed.isEmpty { continue }
                // The invocation ends (as a crash) once the emulator has seen the process go: wait for that.
                let gone = clock.now
                while clock.now - gone < .seconds(10) {
                    let live = try await admin.functions().first { $0.name == function }?.pids ?? []
                    if Set(live).isDisjoint(with: killed) { break }
                    try await Task.sleep(for: .milliseconds(5))
                }
                say(
                    "\(prefix) killed \(function) mid-invocation (SIGKILL to PID \(killed.map(String.init).joined(separator: ", ")))"
                )
                return []
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        return [
            "\(field): \(function) was never busy within \(ScenarioDuration.describe(waitSeconds)); nothing to kill"
        ]
    }

    // MARK: Queues

    /// `StartMessageMoveTask`, as the console's "start DLQ redrive" does: back to the source queue, or to `to`.
    func redrive(from: String, to: String?) async throws {
        let stack = handle.stack
        func arn(_ queue: String) -> String { "arn:aws:sqs:\(stack.region):\(stack.accountID):\(queue)" }
        _ = try await sqs().startMessageMoveTask(
            sourceARN: arn(from),
            destinationARN: to.map(arn),
            deadline: AWSDeadline.after(.seconds(10))
        )
    }

    /// The messages of a dump file (`aws sqs receive-message --output json`, or the producer's replay log line)
    /// pushed to a queue with `SendMessage`; returns the new message ids.
    func replay(file: String, queue: String) async throws -> [String] {
        let url = resolve(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ScenarioRunError("cannot read the dump \(url.path)")
        }
        let messages = try ReplayFile.load(data, file: file)
        let replayer = Replayer(sqs: try await sqs())
        return try await replayer.push(messages, queueURL: try await replayer.queueURL(named: queue))
    }

    /// A path given in a step: absolute, or relative to the scenario file.
    func resolve(_ path: String) -> URL {
        path.hasPrefix("/")
            ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: scenario.file).deletingLastPathComponent().appendingPathComponent(path)
    }
}
