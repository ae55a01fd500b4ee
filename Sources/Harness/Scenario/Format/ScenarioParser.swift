import Foundation
import Stubs
import Yams

/// Reads scenario files. Every problem is a `ScenarioFormatError` naming the file and the field; unknown keys
/// are errors (a misspelt expectation must not pass silently).
package enum ScenarioParser {
    package static func load(path: String) throws(ScenarioFormatError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioFormatError(file: path, field: "", message: "cannot read the file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    package static func parse(_ text: String, file: String) throws(ScenarioFormatError) -> Scenario {
        let document: JSON
        do {
            document = try YAMLDecoder().decode(JSON.self, from: text)
        } catch {
            throw ScenarioFormatError(file: file, field: "", message: "not valid YAML: \(error)")
        }
        let root = try ScenarioNode(value: document, field: "", file: file)
            .object(known: ["name", "description", "clock", "stack", "seed", "steps"])
        let name = try root.required("name").string()
        guard !name.isEmpty else { throw root.node.child("name", .null).error("must not be empty") }
        var clock = Scenario.ClockMode.real
        if let node = root["clock"] {
            guard let mode = Scenario.ClockMode(rawValue: try node.string()) else {
                throw node.error("must be 'virtual' or 'real'")
            }
            clock = mode
        }
        let stack =
            try root["stack"].map { node throws(ScenarioFormatError) in try stackAdjustments(node) }
            ?? StackAdjustments()
        var seed: String?
        var seedAsana: JSON?
        var seedSentry: JSON?
        if let node = root["seed"] {
            if node.value.object != nil {
                let fields = try node.object(known: ["fixtures", "asana", "sentry"])
                seed = try fields.string("fixtures")
                for (key, _) in fields.fields where key != "fixtures" {
                    guard fields[key]?.value.object != nil else {
                        throw node.child(key, .null).error("must be a seed document (a mapping)")
                    }
                }
                seedAsana = fields["asana"]?.value
                seedSentry = fields["sentry"]?.value
            } else {
                seed = try node.string()
            }
        }
        let stepNodes = try root.required("steps").array()
        guard !stepNodes.isEmpty else { throw root.node.child("steps", .null).error("must list at least one step") }
        var steps: [ScenarioStep] = []
        for node in stepNodes { steps.append(try step(node, clock: clock)) }
        let scenario = Scenario(
            file: file,
            name: name,
            description: try root.string("description") ?? "",
            clock: clock,
            stack: stack,
            seed: seed,
            seedAsana: seedAsana,
            seedSentry: seedSentry,
            steps: steps
        )
        try checkLabels(scenario)
        return scenario
    }

    // MARK: Stack

    static func stackAdjustments(_ node: ScenarioNode) throws(ScenarioFormatError) -> StackAdjustments {
        let object = try node.object(known: ["queues", "functions", "mappings"])
        var adjustments = StackAdjustments()
        if let queues = object["queues"] {
            let map = try queues.object(known: Set(queues.value.object?.keys.map { $0 } ?? []))
            for (name, _) in map.fields {
                let entry = try map.required(name)
                let fields = try entry.object(known: [
                    "VisibilityTimeout", "ReceiveMessageWaitTimeSeconds", "MessageRetentionPeriod", "DelaySeconds",
                    "max_receive_count",
                ])
                var queue = StackAdjustments.Queue()
                for key in fields.fields.keys.sorted() where key != "max_receive_count" {
                    queue.attributes[key] = String(try fields.required(key).integer(0...1_209_600))
                }
                queue.maxReceiveCount = try fields.integer("max_receive_count", 1...1000)
                adjustments.queues[name] = queue
            }
        }
        if let functions = object["functions"] {
            let map = try functions.object(known: Set(functions.value.object?.keys.map { $0 } ?? []))
            for (name, _) in map.fields {
                let fields = try map.required(name).object(known: ["timeout", "reserved_concurrency", "environment"])
                var function = StackAdjustments.Function()
                function.timeout = try fields.integer("timeout", 1...900)
                function.reservedConcurrency = try fields.integer("reserved_concurrency", 1...1000)
                if let environment = fields["environment"] {
                    let values = try environment.object(known: Set(environment.value.object?.keys.map { $0 } ?? []))
                    for key in values.fields.keys { function.environment[key] = try values.required(key).string() }
                }
                adjustments.functions[name] = function
            }
        }
        if let mappings = object["mappings"] {
            let map = try mappings.object(known: Set(mappings.value.object?.keys.map { $0 } ?? []))
            for (name, _) in map.fields {
                let fields = try map.required(name).object(known: [
                    "batch_size", "maximum_batching_window", "maximum_concurrency",
                ])
                adjustments.mappings[name] = StackAdjustments.Mapping(
                    batchSize: try fields.integer("batch_size", 1...10_000),
                    maximumBatchingWindow: try fields.integer("maximum_batching_window", 0...300),
                    maximumConcurrency: try fields.integer("maximum_concurrency", 2...1000)
                )
            }
        }
        return adjustments
    }

    // MARK: Steps

    static let stepKinds = [
        "fault", "remove_fault", "clear_faults", "send", "queue_send", "advance", "advance_until", "wait_until",
        "kill_function", "kill_emulator", "restart_emulator", "redrive", "replay", "expect", "sleep",
    ]

    static func step(_ node: ScenarioNode, clock: Scenario.ClockMode) throws(ScenarioFormatError) -> ScenarioStep {
        // A bare word for steps without arguments: `- kill_emulator`.
        if let word = node.value.string, node.value.object == nil {
            switch word {
            case "kill_emulator": return ScenarioStep(field: node.field, action: .killEmulator)
            case "restart_emulator": return ScenarioStep(field: node.field, action: .restartEmulator)
            default:
                throw node.error("a step is a mapping with one of: \(stepKinds.joined(separator: ", "))")
            }
        }
        guard let object = node.value.object, object.count == 1, let (kind, value) = object.first else {
            throw node.error("a step is a mapping with exactly one of: \(stepKinds.joined(separator: ", "))")
        }
        let body = node.child(kind, value)
        let action: ScenarioStep.Action
        switch kind {
        case "fault":
            action = try fault(body)
        case "remove_fault":
            action = .removeFault(name: try body.string())
        case "clear_faults":
            action = .clearFaults(try stub(body))
        case "send":
            action = .send(try send(body))
        case "queue_send":
            let fields = try body.object(known: ["queue", "body", "attributes", "as"])
            var send = ScenarioStep.QueueSend(
                queue: try fields.required("queue").string(),
                body: try fields.required("body").string()
            )
            if let attributes = fields["attributes"] {
                let map = try attributes.object(known: Set(attributes.value.object?.keys.map { $0 } ?? []))
                for key in map.fields.keys { send.attributes[key] = try map.required(key).string() }
            }
            send.label = try fields.string("as")
            action = .queueSend(send)
        case "advance":
            guard clock == .virtual else { throw body.error("advancing the clock needs 'clock: virtual'") }
            action = .advance(seconds: try body.duration())
        case "advance_until":
            guard clock == .virtual else { throw body.error("advance_until needs 'clock: virtual' (use wait_until)") }
            action = .advanceUntil(try until(body, defaultStep: 30, defaultLimit: 3600))
        case "wait_until":
            action = .waitUntil(try until(body, defaultStep: 0.1, defaultLimit: 60))
        case "kill_function":
            if body.value.object != nil {
                let fields = try body.object(known: ["function", "wait"])
                action = .killFunction(
                    try fields.required("function").string(),
                    waitSeconds: try fields.duration("wait") ?? 30
                )
            } else {
                action = .killFunction(try body.string(), waitSeconds: 30)
            }
        case "kill_emulator":
            action = .killEmulator
        case "restart_emulator":
            action = .restartEmulator
        case "redrive":
            if body.value.object != nil {
                let fields = try body.object(known: ["from", "to"])
                action = .redrive(from: try fields.required("from").string(), to: try fields.string("to"))
            } else {
                action = .redrive(from: try body.string(), to: nil)
            }
        case "replay":
            let fields = try body.object(known: ["file", "queue", "as"])
            action = .replay(
                file: try fields.required("file").string(),
                queue: try fields.required("queue").string(),
                label: try fields.string("as")
            )
        case "expect":
            action = .expect(try expectations(body))
        case "sleep":
            action = .sleep(seconds: try body.duration())
        default:
            throw node.child(kind, .null).error("unknown step; steps are: \(stepKinds.joined(separator: ", "))")
        }
        return ScenarioStep(field: node.field, action: action)
    }

    static func stub(_ node: ScenarioNode) throws(ScenarioFormatError) -> ScenarioStep.Stub {
        guard let stub = ScenarioStep.Stub(rawValue: try node.string()) else {
            throw node.error("must be 'asana' or 'sentry'")
        }
        return stub
    }

    static func fault(_ node: ScenarioNode) throws(ScenarioFormatError) -> ScenarioStep.Action {
        guard var fields = node.value.object else { throw node.error("must be a mapping") }
        guard let stubNode = fields.removeValue(forKey: "stub").map({ node.child("stub", $0) }) else {
            throw node.child("stub", .null).error("is required: asana or sentry")
        }
        let name = fields.removeValue(forKey: "name")
        let spec: FaultSpec
        do {
            spec = try FaultSpec(json: .object(fields))
        } catch {
            throw node.error(error.message)
        }
        return .fault(
            try stub(stubNode),
            spec,
            name: try name.map { value throws(ScenarioFormatError) in try node.child("name", value).string() }
        )
    }

    static func send(_ node: ScenarioNode) throws(ScenarioFormatError) -> ScenarioStep.Send {
        let fields = try node.object(known: [
            "fixture", "body", "count", "fresh_event_id", "title", "pad_bytes", "signature", "resource",
            "expect_status", "as",
        ])
        var send = ScenarioStep.Send()
        send.fixture = try fields.string("fixture")
        send.body = try fields.string("body")
        guard (send.fixture == nil) != (send.body == nil) else { throw node.error("give either 'fixture' or 'body'") }
        send.count = try fields.integer("count", 1...10_000) ?? 1
        send.freshEventID = try fields.bool("fresh_event_id") ?? (send.fixture != nil)
        send.title = try fields.string("title")
        send.padBytes = try fields.integer("pad_bytes", 1...6_000_000)
        if send.fixture == nil, send.title != nil || send.padBytes != nil {
            throw node.error("'title' and 'pad_bytes' change a fixture's event; give 'fixture'")
        }
        if let signature = fields["signature"] {
            guard let value = ScenarioStep.Signature(rawValue: try signature.string()) else {
                throw signature.error("must be one of: valid, forged, none")
            }
            send.signature = value
        }
        send.resource = try fields.string("resource") ?? "event_alert"
        send.expectStatus = try fields.integer("expect_status", 100...599)
        send.label = try fields.string("as")
        return send
    }

    static func until(
        _ node: ScenarioNode,
        defaultStep: Double,
        defaultLimit: Double
    ) throws(ScenarioFormatError)
        -> ScenarioStep.Until
    {
        let fields = try node.object(known: ["until", "step", "max"])
        let conditions = try expectations(try fields.required("until"))
        let step = try fields.duration("step") ?? defaultStep
        guard step > 0 else { throw node.child("step", .null).error("must be more than 0") }
        return ScenarioStep.Until(conditions: conditions, step: step, limit: try fields.duration("max") ?? defaultLimit)
    }

    // MARK: Expectations

    static let expectationKinds = ["tasks", "calls", "queue", "invocations", "alarm", "logs", "responses", "idle"]

    static func expectations(_ node: ScenarioNode) throws(ScenarioFormatError) -> [ScenarioExpectation] {
        var result: [ScenarioExpectation] = []
        for item in node.list() {
            guard let object = item.value.object, !object.isEmpty else {
                throw item.error("an expectation is a mapping with one of: \(expectationKinds.joined(separator: ", "))")
            }
            // Several kinds in one mapping are several expectations, in file order of kind names.
            for kind in object.keys.sorted() {
                result.append(try expectation(kind, item.child(kind, object[kind]!)))
            }
        }
        guard !result.isEmpty else { throw node.error("must hold at least one expectation") }
        return result
    }

    static func expectation(_ kind: String, _ node: ScenarioNode) throws(ScenarioFormatError) -> ScenarioExpectation {
        let check: ScenarioExpectation.Check
        switch kind {
        case "tasks":
            let fields = try node.object(known: [
                "count", "no_duplicates", "team", "priority", "projects", "notes_contain", "name_contains",
                "without_custom_fields",
            ])
            var tasks = ScenarioExpectation.Tasks()
            tasks.count = try fields.count("count")
            tasks.noDuplicates = try fields.bool("no_duplicates") ?? false
            tasks.filter.team = try fields.string("team")
            tasks.filter.priority = try fields.string("priority")
            if let projects = fields["projects"] {
                var names: [String] = []
                for project in projects.list() { names.append(try project.string()) }
                tasks.filter.projects = names
            }
            tasks.filter.notesContain = try fields.string("notes_contain")
            tasks.filter.nameContains = try fields.string("name_contains")
            tasks.filter.withoutCustomFields = try fields.bool("without_custom_fields")
            guard tasks.count != nil || tasks.noDuplicates else {
                throw node.error("say what must hold: 'count' and/or 'no_duplicates: true'")
            }
            check = .tasks(tasks)
        case "calls":
            let fields = try node.object(known: ["stub", "method", "path", "status", "count"])
            check = .calls(
                ScenarioExpectation.Calls(
                    stub: try stub(try fields.required("stub")),
                    method: try fields.string("method")?.uppercased(),
                    path: try fields.string("path"),
                    status: try fields.integer("status", 100...599),
                    count: try fields.required("count").count()
                )
            )
        case "queue":
            let fields = try node.object(known: [
                "name", "messages", "visible", "in_flight", "message_ids", "receive_count", "attributes",
            ])
            var queue = ScenarioExpectation.Queue(name: try fields.required("name").string())
            queue.messages = try fields.count("messages")
            queue.visible = try fields.count("visible")
            queue.inFlight = try fields.count("in_flight")
            queue.messageIDs = try fields.string("message_ids")
            queue.receiveCount = try fields.count("receive_count")
            if let attributes = fields["attributes"] {
                let map = try attributes.object(known: Set(attributes.value.object?.keys.map { $0 } ?? []))
                for key in map.fields.keys { queue.attributes[key] = try map.required(key).string() }
            }
            check = .queue(queue)
        case "invocations":
            let fields = try node.object(known: [
                "function", "count", "errors", "with_message", "outcome", "batch_size",
            ])
            let outcome = try fields.string("outcome")
            if let outcome, !["running", "success", "error", "timeout", "crash"].contains(outcome) {
                throw node.child("outcome", .null).error("must be one of: running, success, error, timeout, crash")
            }
            check = .invocations(
                ScenarioExpectation.Invocations(
                    function: try fields.required("function").string(),
                    count: try fields.count("count"),
                    errors: try fields.count("errors"),
                    withMessage: try fields.string("with_message"),
                    outcome: outcome,
                    batchSize: try fields.count("batch_size")
                )
            )
        case "alarm":
            let fields = try node.object(known: ["name", "state"])
            let state = try fields.required("state").string()
            guard ["OK", "ALARM", "INSUFFICIENT_DATA"].contains(state) else {
                throw node.child("state", .null).error("must be OK, ALARM or INSUFFICIENT_DATA")
            }
            check = .alarm(ScenarioExpectation.Alarm(name: try fields.required("name").string(), state: state))
        case "logs":
            let fields = try node.object(known: ["function", "contains", "count"])
            check = .logs(
                ScenarioExpectation.Logs(
                    function: try fields.required("function").string(),
                    contains: try fields.required("contains").string(),
                    count: try fields.count("count") ?? CountRule(.atLeast, 1)
                )
            )
        case "responses":
            let fields = try node.object(known: ["of", "status", "count"])
            check = .responses(
                ScenarioExpectation.Responses(
                    label: try fields.required("of").string(),
                    status: try fields.required("status").integer(100...599),
                    count: try fields.count("count")
                )
            )
        case "idle":
            guard try node.bool() else { throw node.error("write 'idle: true'") }
            check = .idle
        default:
            throw node.error("unknown expectation; expectations are: \(expectationKinds.joined(separator: ", "))")
        }
        return ScenarioExpectation(field: node.field, check: check)
    }

    // MARK: Cross-checks

    /// A label used by an expectation must be defined by an earlier step.
    static func checkLabels(_ scenario: Scenario) throws(ScenarioFormatError) {
        var defined: Set<String> = []
        func use(_ label: String?, _ field: String) throws(ScenarioFormatError) {
            guard let label, !defined.contains(label) else { return }
            throw ScenarioFormatError(
                file: scenario.file,
                field: field,
                message: "'\(label)' is not defined by an earlier send, queue_send or replay ('as: \(label)')"
            )
        }
        func check(_ expectations: [ScenarioExpectation]) throws(ScenarioFormatError) {
            for expectation in expectations {
                switch expectation.check {
                case .queue(let queue): try use(queue.messageIDs, expectation.field)
                case .invocations(let invocations): try use(invocations.withMessage, expectation.field)
                case .responses(let responses): try use(responses.label, expectation.field)
                default: break
                }
            }
        }
        var faults: Set<String> = []
        for step in scenario.steps {
            switch step.action {
            case .send(let send): if let label = send.label { defined.insert(label) }
            case .queueSend(let send): if let label = send.label { defined.insert(label) }
            case .replay(_, _, let label): if let label { defined.insert(label) }
            case .fault(_, _, let name): if let name { faults.insert(name) }
            case .removeFault(let name):
                guard faults.contains(name) else {
                    throw ScenarioFormatError(
                        file: scenario.file,
                        field: "\(step.field).remove_fault",
                        message: "no earlier fault is named '\(name)'"
                    )
                }
            case .expect(let expectations): try check(expectations)
            case .advanceUntil(let until), .waitUntil(let until): try check(until.conditions)
            case .restartEmulator:
                guard scenario.steps.contains(where: { if case .killEmulator = $0.action { true } else { false } })
                else {
                    throw ScenarioFormatError(
                        file: scenario.file,
                        field: step.field,
                        message: "restart_emulator needs an earlier kill_emulator"
                    )
                }
            default: break
            }
        }
    }
}
