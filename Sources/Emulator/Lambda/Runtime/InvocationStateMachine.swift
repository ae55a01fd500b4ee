import Foundation

/// The invocations and instances of one function, as a value type without I/O: an invocation is reserved for an
/// instance, handed over by `/next`, and ends by a response, an error, a timeout or the instance's exit. One
/// instance holds at most one invocation; at most `concurrencyLimit` instances run. The owner performs the effects
/// the transitions return (start or stop a process, resume a long poll, answer the invoker).
package struct InvocationStateMachine: Sendable {
    package typealias InstanceID = Int

    package enum InstanceState: Sendable, Equatable {
        /// The process runs but has not called `/next` yet (the init phase).
        case starting(since: Date)
        /// Blocked in `/next` with nothing to do: a warm instance.
        case ready
        /// Holds an invocation.
        case busy(requestID: String)
        /// Answered its invocation and has not called `/next` again yet.
        case answered(requestID: String)
        case stopped

        /// The Runtime API's name for the state, used in `InvalidStateTransition` answers.
        var runtimeStateName: String {
            switch self {
            case .starting: "Started"
            case .ready: "Ready"
            case .busy: "Running"
            case .answered: "RuntimeResponseSentState"
            case .stopped: "Stopped"
            }
        }
    }

    package struct Instance: Sendable, Equatable {
        package var state: InstanceState
        /// An invocation promised to this instance, delivered at its next `/next`.
        package var reserved: String?
    }

    package enum InvocationState: Sendable, Equatable {
        case pending(instance: InstanceID)
        case running(instance: InstanceID, startedAt: Date, deadline: Date)
    }

    /// What `submit` decided.
    package enum SubmitDecision: Sendable, Equatable {
        /// An instance is waiting in `/next`: hand it the invocation now.
        case deliver(InstanceID, Delivery)
        /// A warm instance will take it at its next `/next`.
        case reserved(InstanceID)
        /// No instance is free: start a new one, which will take it.
        case startInstance(InstanceID)
        /// The concurrency limit is reached (`TooManyRequestsException` for a synchronous invoke).
        case throttled
    }

    /// An invocation handed to an instance.
    package struct Delivery: Sendable, Equatable {
        package var invocation: LambdaInvocation
        package var startedAt: Date
        /// `Lambda-Runtime-Deadline-Ms`.
        package var deadline: Date
    }

    package enum NextDecision: Sendable, Equatable {
        case deliver(Delivery)
        /// Nothing to do: the long poll waits until `submit` returns `.deliver` for this instance.
        case wait
    }

    /// An invocation that ended.
    package struct Settlement: Sendable, Equatable {
        package var requestID: String
        package var instance: InstanceID
        package var outcome: LambdaInvocationOutcome
        /// When `/next` handed it over; `nil` if the instance never took it.
        package var startedAt: Date?
        package var endedAt: Date
    }

    /// What a transition asks its owner to do: answer invokers, kill instances (their exit then comes back
    /// through `exited`), and send a 4xx to the runtime that called. An oversized response has both a
    /// settlement (the invocation fails) and a rejection (413 to the runtime).
    package struct Effects: Sendable, Equatable {
        package var settlements: [Settlement] = []
        package var instancesToStop: [InstanceID] = []
        package var rejection: RuntimeAPIError?

        package init(
            settlements: [Settlement] = [],
            instancesToStop: [InstanceID] = [],
            rejection: RuntimeAPIError? = nil
        ) {
            self.settlements = settlements
            self.instancesToStop = instancesToStop
            self.rejection = rejection
        }
    }

    package let timeout: Double
    package let concurrencyLimit: Int
    package let initTimeout: Double
    package private(set) var instances: [InstanceID: Instance] = [:]
    package private(set) var invocations: [String: (invocation: LambdaInvocation, state: InvocationState)] = [:]
    private var nextInstanceID = 1

    package init(timeout: Double, concurrencyLimit: Int, initTimeout: Double = LambdaLimits.initTimeout) {
        self.timeout = timeout
        self.concurrencyLimit = max(1, concurrencyLimit)
        self.initTimeout = initTimeout
    }

    /// Instances that hold a process (everything but `stopped`).
    package var liveInstanceCount: Int { instances.values.filter { $0.state != .stopped }.count }

    /// Invocations reserved or running.
    package var inFlightCount: Int { invocations.count }

    // MARK: Invoker side

    package mutating func submit(_ invocation: LambdaInvocation, now: Date) -> SubmitDecision {
        let free = instances.filter { $0.value.reserved == nil }
        if let id = free.filter({ $0.value.state == .ready }).keys.min() {
            let delivery = start(invocation, on: id, now: now)
            return .deliver(id, delivery)
        }
        if let id = free.filter({ if case .answered = $0.value.state { true } else { false } }).keys.min() {
            instances[id]?.reserved = invocation.requestID
            invocations[invocation.requestID] = (invocation, .pending(instance: id))
            return .reserved(id)
        }
        guard liveInstanceCount < concurrencyLimit else { return .throttled }
        let id = nextInstanceID
        nextInstanceID += 1
        instances[id] = Instance(state: .starting(since: now), reserved: invocation.requestID)
        invocations[invocation.requestID] = (invocation, .pending(instance: id))
        return .startInstance(id)
    }

    // MARK: Runtime API side

    /// `GET /runtime/invocation/next` from `instance`.
    package mutating func next(instance id: InstanceID, now: Date) -> Result<NextDecision, RuntimeAPIError> {
        guard let instance = instances[id], instance.state != .stopped else {
            return .failure(RuntimeAPIError(.instanceGone))
        }
        if case .busy = instance.state {
            return .failure(RuntimeAPIError(.invalidStateTransition(from: "Running", to: "Ready")))
        }
        if let requestID = instance.reserved, let record = invocations[requestID] {
            return .success(.deliver(start(record.invocation, on: id, now: now)))
        }
        instances[id]?.state = .ready
        return .success(.wait)
    }

    /// `POST /runtime/invocation/{id}/response` with a body of `payload`.
    package mutating func respond(instance id: InstanceID, requestID: String, payload: Data, now: Date) -> Effects {
        if let rejection = checkAnswer(instance: id, requestID: requestID, to: "InvocationResponse") {
            return Effects(rejection: rejection)
        }
        if payload.count > LambdaLimits.responsePayload {
            let settled = settle(requestID, outcome: .failure(.responseTooLarge(size: payload.count)), now: now)
            return Effects(settlements: settled.map { [$0] } ?? [], rejection: RuntimeAPIError(.payloadTooLarge))
        }
        return Effects(settlements: settle(requestID, outcome: .success(payload), now: now).map { [$0] } ?? [])
    }

    /// `POST /runtime/invocation/{id}/error`.
    package mutating func fail(
        instance id: InstanceID,
        requestID: String,
        error: LambdaFunctionError,
        bodySize: Int,
        now: Date
    ) -> Effects {
        if let rejection = checkAnswer(instance: id, requestID: requestID, to: "InvocationErrorResponse") {
            return Effects(rejection: rejection)
        }
        if bodySize > LambdaLimits.responsePayload {
            let settled = settle(requestID, outcome: .failure(.responseTooLarge(size: bodySize)), now: now)
            return Effects(settlements: settled.map { [$0] } ?? [], rejection: RuntimeAPIError(.payloadTooLarge))
        }
        return Effects(settlements: settle(requestID, outcome: .failure(error), now: now).map { [$0] } ?? [])
    }

    /// `POST /runtime/init/error`: allowed only before the first `/next`. The instance is stopped and the
    /// invocation it was started for fails with the posted error.
    package mutating func initError(instance id: InstanceID, error: LambdaFunctionError, now: Date) -> Effects {
        guard let instance = instances[id], instance.state != .stopped else {
            return Effects(rejection: RuntimeAPIError(.instanceGone))
        }
        guard case .starting = instance.state else {
            return Effects(
                rejection: RuntimeAPIError(
                    .invalidStateTransition(from: instance.state.runtimeStateName, to: "InitError")
                )
            )
        }
        var effects = Effects(instancesToStop: [id])
        if let requestID = instance.reserved, let settled = settle(requestID, outcome: .failure(error), now: now) {
            effects.settlements.append(settled)
        }
        instances[id] = Instance(state: .stopped, reserved: nil)
        return effects
    }

    // MARK: Process side

    /// The instance's process ended (`status` as Lambda words it: `exit status 1`, `signal: killed`). The
    /// invocation it held or was promised fails with `Runtime.ExitError`, unless it was already settled.
    package mutating func exited(instance id: InstanceID, status: String, now: Date) -> Effects {
        guard let instance = instances[id], instance.state != .stopped else { return Effects() }
        var held: String?
        if case .busy(let requestID) = instance.state { held = requestID }
        held = held ?? instance.reserved
        var effects = Effects()
        if let requestID = held,
            let settled = settle(requestID, outcome: .failure(.exited(requestID: requestID, status: status)), now: now)
        {
            effects.settlements.append(settled)
        }
        instances[id] = Instance(state: .stopped, reserved: nil)
        return effects
    }

    /// Ends what has passed its deadline: a running invocation after `timeout` seconds, and an instance that has
    /// not reached `/next` within the init phase's time plus `timeout` (Lambda retries a slow init inside the
    /// invoke phase, so the invoker waits that long before the timeout). Both instances are stopped.
    package mutating func expire(now: Date) -> Effects {
        var effects = Effects()
        for (requestID, record) in invocations.sorted(by: { $0.key < $1.key }) {
            guard case .running(let id, _, let deadline) = record.state, deadline <= now else { continue }
            let error = LambdaFunctionError.timedOut(requestID: requestID, after: timeout)
            if let settled = settle(requestID, outcome: .failure(error), now: now) {
                effects.settlements.append(settled)
            }
            instances[id] = Instance(state: .stopped, reserved: nil)
            effects.instancesToStop.append(id)
        }
        for (id, instance) in instances.sorted(by: { $0.key < $1.key }) {
            guard case .starting(let since) = instance.state, since.addingTimeInterval(initTimeout + timeout) <= now
            else { continue }
            if let requestID = instance.reserved,
                let settled = settle(
                    requestID,
                    outcome: .failure(.timedOut(requestID: requestID, after: timeout)),
                    now: now
                )
            {
                effects.settlements.append(settled)
            }
            instances[id] = Instance(state: .stopped, reserved: nil)
            effects.instancesToStop.append(id)
        }
        return effects
    }

    /// The earliest instant at which `expire` has something to do.
    package var nextDeadline: Date? {
        var deadlines: [Date] = invocations.values.compactMap {
            if case .running(_, _, let deadline) = $0.state { deadline } else { nil }
        }
        for instance in instances.values {
            if case .starting(let since) = instance.state {
                deadlines.append(since.addingTimeInterval(initTimeout + timeout))
            }
        }
        return deadlines.min()
    }

    /// Instances that hold a process, for shutdown.
    package var liveInstances: [InstanceID] { instances.filter { $0.value.state != .stopped }.keys.sorted() }

    // MARK: Internals

    private mutating func start(_ invocation: LambdaInvocation, on id: InstanceID, now: Date) -> Delivery {
        let deadline = now.addingTimeInterval(timeout)
        instances[id] = Instance(state: .busy(requestID: invocation.requestID), reserved: nil)
        invocations[invocation.requestID] = (invocation, .running(instance: id, startedAt: now, deadline: deadline))
        return Delivery(invocation: invocation, startedAt: now, deadline: deadline)
    }

    private func checkAnswer(instance id: InstanceID, requestID: String, to target: String) -> RuntimeAPIError? {
        guard let instance = instances[id], instance.state != .stopped else { return RuntimeAPIError(.instanceGone) }
        guard case .busy(let held) = instance.state else {
            return RuntimeAPIError(.invalidStateTransition(from: instance.state.runtimeStateName, to: target))
        }
        return held == requestID ? nil : RuntimeAPIError(.invalidRequestID)
    }

    private mutating func settle(_ requestID: String, outcome: LambdaInvocationOutcome, now: Date) -> Settlement? {
        guard let record = invocations.removeValue(forKey: requestID) else { return nil }
        let instanceID: InstanceID
        var startedAt: Date?
        switch record.state {
        case .pending(let id):
            instanceID = id
        case .running(let id, let started, _):
            instanceID = id
            startedAt = started
        }
        if case .busy(requestID) = instances[instanceID]?.state {
            instances[instanceID]?.state = .answered(requestID: requestID)
        }
        if instances[instanceID]?.reserved == requestID { instances[instanceID]?.reserved = nil }
        return Settlement(
            requestID: requestID,
            instance: instanceID,
            outcome: outcome,
            startedAt: startedAt,
            endedAt: now
        )
    }
}
