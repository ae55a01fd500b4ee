import Foundation
import Testing

@testable import Emulator

@Suite("Invocation state machine")
struct InvocationStateMachineTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func invocation(_ id: String, _ body: String = "{}") -> LambdaInvocation {
        LambdaInvocation(requestID: id, payload: Data(body.utf8), traceID: "Root=1-00000000-000000000000000000000000")
    }

    @Test("a cold invocation starts an instance, is handed over by /next and settles with the response")
    func coldInvocation() throws {
        var machine = InvocationStateMachine(timeout: 3, concurrencyLimit: 2)
        #expect(machine.submit(invocation("a"), now: t0) == .startInstance(1))
        let next = try machine.next(instance: 1, now: t0.addingTimeInterval(0.5)).get()
        guard case .deliver(let delivery) = next else {
            Issue.record("expected a delivery, got \(next)")
            return
        }
        #expect(delivery.invocation.requestID == "a")
        #expect(delivery.deadline == t0.addingTimeInterval(3.5))
        let effects = machine.respond(
            instance: 1,
            requestID: "a",
            payload: Data("ok".utf8),
            now: t0.addingTimeInterval(1)
        )
        #expect(effects.rejection == nil)
        #expect(effects.settlements.map(\.outcome) == [.success(Data("ok".utf8))])
        #expect(effects.settlements.first?.startedAt == t0.addingTimeInterval(0.5))
        #expect(machine.inFlightCount == 0)
    }

    @Test("a warm instance waiting in /next gets the next invocation at once; one invocation per instance")
    func warmAndConcurrency() throws {
        var machine = InvocationStateMachine(timeout: 3, concurrencyLimit: 2)
        _ = machine.submit(invocation("a"), now: t0)
        _ = machine.next(instance: 1, now: t0)
        #expect(machine.submit(invocation("b"), now: t0) == .startInstance(2), "instance 1 is busy")
        #expect(machine.submit(invocation("c"), now: t0) == .throttled, "limit 2 reached")
        _ = machine.respond(instance: 1, requestID: "a", payload: Data(), now: t0)
        #expect(try machine.next(instance: 1, now: t0).get() == .wait)
        guard case .deliver(1, let delivery) = machine.submit(invocation("d"), now: t0) else {
            Issue.record("the waiting instance should get d")
            return
        }
        #expect(delivery.invocation.requestID == "d")
        #expect(machine.liveInstanceCount == 2)
    }

    @Test("an instance that answered but has not polled again is reserved, and gets the invocation at /next")
    func reservedOnAnsweredInstance() throws {
        var machine = InvocationStateMachine(timeout: 3, concurrencyLimit: 1)
        _ = machine.submit(invocation("a"), now: t0)
        _ = machine.next(instance: 1, now: t0)
        _ = machine.respond(instance: 1, requestID: "a", payload: Data(), now: t0)
        #expect(machine.submit(invocation("b"), now: t0) == .reserved(1))
        guard case .deliver(let delivery) = try machine.next(instance: 1, now: t0).get() else {
            Issue.record("b should be delivered")
            return
        }
        #expect(delivery.invocation.requestID == "b")
    }

    @Test("a second answer is refused with 403 InvalidStateTransition and changes nothing")
    func answerTwice() {
        var machine = InvocationStateMachine(timeout: 3, concurrencyLimit: 1)
        _ = machine.submit(invocation("a"), now: t0)
        _ = machine.next(instance: 1, now: t0)
        _ = machine.respond(instance: 1, requestID: "a", payload: Data("1".utf8), now: t0)
        let second = machine.respond(instance: 1, requestID: "a", payload: Data("2".utf8), now: t0)
        #expect(second.settlements.isEmpty)
        #expect(second.rejection?.status == 403)
        #expect(second.rejection?.errorType == "InvalidStateTransition")
        let error = machine.fail(
            instance: 1,
            requestID: "a",
            error: LambdaFunctionError(errorType: "X", errorMessage: ""),
            bodySize: 2,
            now: t0
        )
        #expect(error.rejection?.status == 403)
    }

    @Test("an unknown request id is refused with 400 InvalidRequestID; the held invocation is untouched")
    func unknownRequestID() {
        var machine = InvocationStateMachine(timeout: 3, concurrencyLimit: 1)
        _ = machine.submit(invocation("a"), now: t0)
        _ = machine.next(instance: 1, now: t0)
        let effects = machine.respond(instance: 1, requestID: "nope", payload: Data(), now: t0)
        #expect(effects.rejection == RuntimeAPIError(.invalidRequestID))
        #expect(effects.rejection?.status == 400)
        #expect(effects.settlements.isEmpty)
        #expect(machine.respond(instance: 1, requestID: "a", payload: Data(), now: t0).settlements.count == 1)
    }

    @Test("a response over 6 MB: 413 to the runtime and the invocation fails with Function.ResponseSizeTooLarge")
    func oversizedResponse() {
        var machine = InvocationStateMachine(timeout: 3, concurrencyLimit: 1)
        _ = machine.submit(invocation("a"), now: t0)
        _ = machine.next(instance: 1, now: t0)
        let effects = machine.respond(
            instance: 1,
            requestID: "a",
            payload: Data(count: LambdaLimits.responsePayload + 1),
            now: t0
        )
        #expect(effects.rejection?.status == 413)
        #expect(effects.rejection?.errorType == "RequestEntityTooLarge")
        guard case .failure(let error) = effects.settlements.first?.outcome else {
            Issue.record("the invocation should fail")
            return
        }
        #expect(error.errorType == "Function.ResponseSizeTooLarge")
        #expect(
            machine.respond(instance: 1, requestID: "a", payload: Data(), now: t0).rejection?.status == 403,
            "the invocation is over; a second answer is refused"
        )
    }

    @Test("past the deadline the invocation fails with Task timed out and the instance is stopped")
    func timeout() {
        var machine = InvocationStateMachine(timeout: 3, concurrencyLimit: 1)
        _ = machine.submit(invocation("a"), now: t0)
        _ = machine.next(instance: 1, now: t0)
        #expect(machine.nextDeadline == t0.addingTimeInterval(3))
        #expect(machine.expire(now: t0.addingTimeInterval(2.9)) == InvocationStateMachine.Effects())
        let effects = machine.expire(now: t0.addingTimeInterval(3))
        #expect(effects.instancesToStop == [1])
        guard case .failure(let error) = effects.settlements.first?.outcome else {
            Issue.record("expected a timeout")
            return
        }
        #expect(error.errorType == "Sandbox.Timedout")
        #expect(error.errorMessage == "RequestId: a Error: Task timed out after 3.00 seconds")
        #expect(machine.liveInstanceCount == 0)
        #expect(machine.respond(instance: 1, requestID: "a", payload: Data(), now: t0).rejection?.status == 403)
        #expect(machine.submit(invocation("b"), now: t0) == .startInstance(2), "a fresh instance replaces it")
    }

    @Test("an exit mid-invocation fails it with Runtime.ExitError; a later exit report changes nothing")
    func crash() {
        var machine = InvocationStateMachine(timeout: 3, concurrencyLimit: 1)
        _ = machine.submit(invocation("a"), now: t0)
        _ = machine.next(instance: 1, now: t0)
        let effects = machine.exited(instance: 1, status: "exit status 3", now: t0)
        guard case .failure(let error) = effects.settlements.first?.outcome else {
            Issue.record("expected an exit error")
            return
        }
        #expect(error.errorType == "Runtime.ExitError")
        #expect(error.errorMessage == "RequestId: a Error: Runtime exited with error: exit status 3")
        #expect(machine.exited(instance: 1, status: "exit status 3", now: t0) == InvocationStateMachine.Effects())
    }

    @Test("an exit before /next fails the invocation the instance was started for")
    func exitAtOnce() {
        var machine = InvocationStateMachine(timeout: 3, concurrencyLimit: 1)
        _ = machine.submit(invocation("a"), now: t0)
        let effects = machine.exited(instance: 1, status: "exit status 2", now: t0)
        #expect(effects.settlements.map(\.requestID) == ["a"])
        #expect(effects.settlements.first?.startedAt == nil)
        #expect(machine.inFlightCount == 0)
    }

    @Test("an instance that never polls is stopped after the init time plus the timeout")
    func neverPolls() {
        var machine = InvocationStateMachine(timeout: 3, concurrencyLimit: 1, initTimeout: 10)
        _ = machine.submit(invocation("a"), now: t0)
        #expect(machine.expire(now: t0.addingTimeInterval(12.9)).settlements.isEmpty)
        let effects = machine.expire(now: t0.addingTimeInterval(13))
        #expect(effects.instancesToStop == [1])
        #expect(effects.settlements.first?.outcome == .failure(.timedOut(requestID: "a", after: 3)))
    }

    @Test("/init/error fails the waiting invocation with the posted error and stops the instance; later it is refused")
    func initError() {
        var machine = InvocationStateMachine(timeout: 3, concurrencyLimit: 1)
        _ = machine.submit(invocation("a"), now: t0)
        let posted = LambdaFunctionError(
            posted: Data(#"{"errorType":"Runtime.X","errorMessage":"bad"}"#.utf8),
            errorTypeHeader: nil
        )
        let effects = machine.initError(instance: 1, error: posted, now: t0)
        #expect(effects.instancesToStop == [1])
        #expect(effects.settlements.first?.outcome == .failure(posted))
        #expect(posted.errorType == "Runtime.X")

        var warm = InvocationStateMachine(timeout: 3, concurrencyLimit: 1)
        _ = warm.submit(invocation("b"), now: t0)
        _ = warm.next(instance: 1, now: t0)
        #expect(warm.initError(instance: 1, error: posted, now: t0).rejection?.status == 403)
    }

    @Test("/next while holding an invocation is refused; an unknown instance is refused")
    func nextWhileBusy() {
        var machine = InvocationStateMachine(timeout: 3, concurrencyLimit: 1)
        _ = machine.submit(invocation("a"), now: t0)
        _ = machine.next(instance: 1, now: t0)
        #expect(throws: RuntimeAPIError.self) { try machine.next(instance: 1, now: t0).get() }
        #expect(throws: RuntimeAPIError.self) { try machine.next(instance: 9, now: t0).get() }
    }

    @Test("a posted error body that is not JSON becomes Lambda's errorType/errorMessage object")
    func postedErrorNormalised() throws {
        let error = LambdaFunctionError(posted: Data("boom".utf8), errorTypeHeader: "Custom.Error")
        #expect(error.errorType == "Custom.Error")
        let object = try #require(try JSONSerialization.jsonObject(with: error.payload) as? [String: String])
        #expect(object == ["errorType": "Custom.Error", "errorMessage": "boom"])
    }
}
