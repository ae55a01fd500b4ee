import Foundation
import Harness
import Stubs
import Testing

/// The scenario format: what a good file becomes, and that a bad one is refused with the file and the field
/// named (nothing of a malformed file runs).
@Suite struct ScenarioParserTests {
    func parse(_ text: String) throws(ScenarioFormatError) -> Scenario {
        try ScenarioParser.parse(text, file: "bad.yaml")
    }

    func error(_ text: String) -> ScenarioFormatError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func aFullScenarioIsRead() throws {
        let scenario = try parse(
            """
            name: partial failure
            description: three records fail once
            clock: virtual
            stack:
              queues:
                sentry-asana-message-queue: {VisibilityTimeout: 30, max_receive_count: 3}
              functions:
                sentry-asana-consumer: {timeout: 20, environment: {LOG_LEVEL: debug}}
              mappings:
                sentry-asana-consumer: {batch_size: 5, maximum_batching_window: 1}
            steps:
              - fault: {stub: asana, name: flaky, method: POST, path: /api/1.0/tasks, kind: status, status: 500, times: 3}
              - send: {fixture: event_alert-go-dev-detections.json, count: 10, expect_status: 200, as: batch}
              - advance_until: {step: 5s, max: 10m, until: [{tasks: {count: 7}}]}
              - remove_fault: flaky
              - advance: 2m30s
              - kill_function: sentry-asana-consumer
              - expect:
                  - tasks: {count: 10, no_duplicates: true, team: Detections, projects: [A, B]}
                  - calls: {stub: asana, method: post, path: /api/1.0/tasks, count: ">= 13"}
                  - queue: {name: sentry-asana-message-queue, messages: 0, message_ids: batch, receive_count: "<= 2"}
                  - invocations: {function: sentry-asana-consumer, with_message: batch, errors: 0}
                  - alarm: {name: sentry-asana-dlq-messages, state: OK}
                  - responses: {of: batch, status: 200}
                  - idle: true
            """
        )
        #expect(scenario.name == "partial failure")
        #expect(scenario.clock == .virtual)
        #expect(scenario.stack.queues["sentry-asana-message-queue"]?.attributes["VisibilityTimeout"] == "30")
        #expect(scenario.stack.queues["sentry-asana-message-queue"]?.maxReceiveCount == 3)
        #expect(scenario.stack.functions["sentry-asana-consumer"]?.timeout == 20)
        #expect(scenario.stack.mappings["sentry-asana-consumer"]?.batchSize == 5)
        #expect(scenario.steps.count == 7)
        guard case .fault(.asana, let spec, let name) = scenario.steps[0].action else {
            Issue.record("step 0 should be an Asana fault")
            return
        }
        #expect(name == "flaky" && spec.status == 500 && spec.times == 3 && spec.method == "POST")
        guard case .send(let send) = scenario.steps[1].action else {
            Issue.record("step 1 should be a send")
            return
        }
        #expect(send.count == 10 && send.freshEventID && send.signature == .valid && send.label == "batch")
        guard case .advanceUntil(let until) = scenario.steps[2].action else {
            Issue.record("step 2 should be advance_until")
            return
        }
        #expect(until.step == 5 && until.limit == 600 && until.conditions.count == 1)
        guard case .advance(let seconds) = scenario.steps[4].action else {
            Issue.record("step 4 should be advance")
            return
        }
        #expect(seconds == 150)
        guard case .expect(let expectations) = scenario.steps[6].action else {
            Issue.record("step 6 should be expect")
            return
        }
        #expect(expectations.count == 7)
        guard case .calls(let calls) = expectations[1].check else {
            Issue.record("the second expectation should be calls")
            return
        }
        #expect(calls.method == "POST" && calls.count == CountRule(.atLeast, 13))
        #expect(!scenario.needsEmulatorProcess)
    }

    @Test func aScenarioThatKillsTheEmulatorNeedsItAsAProcess() throws {
        let scenario = try parse(
            """
            name: restart
            steps:
              - kill_emulator
              - restart_emulator
            """
        )
        #expect(scenario.needsEmulatorProcess)
    }

    @Test func seedOverridesAreStubSeedDocuments() throws {
        let scenario = try parse(
            """
            name: seeded
            seed:
              fixtures: other-fixtures
              asana: {projects: [{gid: "1", name: P}]}
              sentry: {settings: {legacy_brownout: true}}
            steps:
              - expect: {tasks: {count: 0}}
            """
        )
        #expect(scenario.seed == "other-fixtures")
        #expect(scenario.seedAsana?["projects"]?.array?.count == 1)
        #expect(scenario.seedSentry?["settings"]?["legacy_brownout"]?.bool == true)
        #expect(error("name: x\nseed: {asana: [1]}\nsteps:\n  - expect: {idle: true}\n")?.field == "seed.asana")
        #expect(error("name: x\nseed: {jira: {}}\nsteps:\n  - expect: {idle: true}\n")?.field == "seed.jira")
    }

    @Test func anUnknownTopLevelFieldIsNamed() {
        let failure = error("name: x\nstepz: []\n")
        #expect(failure?.file == "bad.yaml")
        #expect(failure?.field == "stepz")
        #expect(failure?.message.contains("unknown field") == true)
    }

    @Test func aMissingNameIsRefused() {
        let failure = error("steps:\n  - advance: 5s\n")
        #expect(failure?.field == "name")
        #expect(failure?.message == "is required")
    }

    @Test func aMisspeltExpectationFieldIsNamedWithItsPath() {
        let failure = error(
            """
            name: x
            steps:
              - expect:
                  - tasks: {cuont: 3}
            """
        )
        #expect(failure?.field == "steps[0].expect[0].tasks.cuont")
        #expect(failure?.description.hasPrefix("bad.yaml: steps[0].expect[0].tasks.cuont: unknown field") == true)
    }

    @Test func anUnknownStepIsNamed() {
        let failure = error("name: x\nsteps:\n  - teleport: {}\n")
        #expect(failure?.field == "steps[0].teleport")
        #expect(failure?.message.contains("unknown step") == true)
    }

    @Test func aBadDurationIsRefused() {
        let failure = error("name: x\nclock: virtual\nsteps:\n  - advance: soon\n")
        #expect(failure?.field == "steps[0].advance")
        #expect(failure?.message.contains("duration") == true)
    }

    @Test func advancingTheClockNeedsTheVirtualClock() {
        let failure = error("name: x\nsteps:\n  - advance: 5s\n")
        #expect(failure?.field == "steps[0].advance")
        #expect(failure?.message.contains("clock: virtual") == true)
    }

    @Test func aBadFaultSaysWhatTheStubsAccept() {
        let failure = error("name: x\nsteps:\n  - fault: {stub: asana, path: /api/1.0/tasks, kind: explode}\n")
        #expect(failure?.field == "steps[0].fault")
        #expect(failure?.message.contains("kind") == true)
    }

    @Test func aFaultNeedsItsStub() {
        let failure = error("name: x\nsteps:\n  - fault: {path: /api/1.0/tasks, kind: status}\n")
        #expect(failure?.field == "steps[0].fault.stub")
    }

    @Test func anUndefinedLabelIsRefused() {
        let failure = error(
            """
            name: x
            steps:
              - expect: {queue: {name: q, message_ids: ghost}}
            """
        )
        #expect(failure?.message.contains("'ghost' is not defined") == true)
    }

    @Test func liftingAFaultThatWasNeverNamedIsRefused() {
        let failure = error("name: x\nsteps:\n  - remove_fault: down\n")
        #expect(failure?.field == "steps[0].remove_fault")
    }

    @Test func aSendNeedsAFixtureOrABodyButNotBoth() {
        #expect(error("name: x\nsteps:\n  - send: {count: 2}\n")?.field == "steps[0].send")
        #expect(error("name: x\nsteps:\n  - send: {fixture: a.json, body: '{}'}\n")?.field == "steps[0].send")
    }

    @Test func aSendMayRetitleAndPadItsFixture() throws {
        let scenario = try parse(
            "name: x\nsteps:\n  - send: {fixture: a.json, title: \"KeyError: \\uFFFE\", pad_bytes: 900000}\n"
        )
        guard case .send(let send) = scenario.steps[0].action else {
            Issue.record("step 0 should be a send")
            return
        }
        #expect(send.title == "KeyError: \u{FFFE}", "a YAML escape reaches the body as the character")
        #expect(send.padBytes == 900_000)
        #expect(error("name: x\nsteps:\n  - send: {body: '{}', pad_bytes: 10}\n")?.field == "steps[0].send")
        #expect(
            error("name: x\nsteps:\n  - send: {fixture: a.json, pad_bytes: 0}\n")?.field == "steps[0].send.pad_bytes"
        )
    }

    @Test func aBadCountIsRefused() {
        let failure = error("name: x\nsteps:\n  - expect: {tasks: {count: 'about 3'}}\n")
        #expect(failure?.field == "steps[0].expect.tasks.count")
    }

    @Test func notYAMLIsRefused() {
        let failure = error("name: [unclosed\n")
        #expect(failure?.message.contains("not valid YAML") == true)
    }

    @Test func anUnreadableFileIsNamed() {
        #expect(throws: ScenarioFormatError.self) { try ScenarioParser.load(path: "/nonexistent/scenario.yaml") }
    }

    @Test func countRulesCompare() {
        #expect(CountRule(.equal, 3).holds(3) && !CountRule(.equal, 3).holds(4))
        #expect(CountRule(.atLeast, 3).holds(3) && !CountRule(.atLeast, 3).holds(2))
        #expect(CountRule(.atMost, 10).holds(10) && !CountRule(.atMost, 10).holds(11))
        #expect(CountRule(.more, 0).holds(1) && !CountRule(.more, 0).holds(0))
        #expect(CountRule(.less, 2).holds(1) && !CountRule(.less, 2).holds(2))
    }
}
