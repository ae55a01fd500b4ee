import Foundation
import Logging

/// One function's instances: starts a bootstrap process per instance with its own Runtime API listener, hands it
/// invocations, enforces deadlines on the clock, records its output and Lambda's `START`/`END`/`REPORT` lines,
/// and stops every process on shutdown. All decisions are `InvocationStateMachine`'s; this actor performs them.
package actor LambdaFunctionHost: RuntimeAPIBackend {
    package typealias InstanceID = InvocationStateMachine.InstanceID

    /// How an attempt to invoke ended.
    package enum InvokeAttempt: Sendable, Equatable {
        case completed(LambdaInvocationOutcome)
        /// No instance free and the concurrency limit reached.
        case throttled
        /// The host was shut down.
        case shutDown
    }

    package nonisolated let configuration: LambdaFunctionConfiguration
    package nonisolated let functionARN: String
    private let clock: any LambdaClock
    private let launcher: any LambdaProcessLauncher
    private let environment: LambdaEnvironment
    package nonisolated let logs: LambdaLogStore
    package nonisolated let journal: LambdaInvocationJournal
    private let logger: Logger

    private var machine: InvocationStateMachine
    private var processes: [InstanceID: any LambdaProcessHandle] = [:]
    /// Each running instance's event stream (its output lines, its exit), for `flushOutput`'s barrier.
    private var instanceEvents: [InstanceID: AsyncStream<InstanceEvent>.Continuation] = [:]
    private var launching: Set<InstanceID> = []
    private var pendingKill: Set<InstanceID> = []
    private var servers: [InstanceID: RuntimeAPIServer] = [:]
    private var logStreams: [InstanceID: String] = [:]
    private var currentRequest: [InstanceID: String] = [:]
    private var peakMemory: [InstanceID: Int] = [:]
    /// When each running invocation was handed over, on the wall clock: `REPORT`'s duration is wall time, as on
    /// AWS (on the virtual clock the emulator's own duration is usually zero).
    private var wallStarts: [String: ContinuousClock.Instant] = [:]
    /// When each starting instance was launched (its init phase runs until its first `/next`).
    private var initStarts: [InstanceID: ContinuousClock.Instant] = [:]
    /// The init duration a cold instance's first `REPORT` carries, in milliseconds.
    private var pendingInitDuration: [InstanceID: Double] = [:]
    private var invokers: [String: CheckedContinuation<LambdaInvocationOutcome, Never>] = [:]
    private var polls:
        [InstanceID: CheckedContinuation<Result<InvocationStateMachine.Delivery, RuntimeAPIError>, Never>] =
            [:]
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var timer: Task<Void, Never>?
    private var timerDeadline: Date?
    private var eventTasks: [UUID: Task<Void, Never>] = [:]
    private var isShutDown = false
    /// Instances started over the host's life (cold starts).
    package private(set) var coldStarts = 0

    package init(
        configuration: LambdaFunctionConfiguration,
        clock: any LambdaClock = SystemLambdaClock(),
        launcher: any LambdaProcessLauncher = ChildProcessLauncher(),
        environment: LambdaEnvironment = LambdaEnvironment(),
        logs: LambdaLogStore = LambdaLogStore(),
        journal: LambdaInvocationJournal = LambdaInvocationJournal(),
        logger: Logger = Logger(label: "emulator.lambda"),
        initTimeout: Double = LambdaLimits.initTimeout
    ) {
        self.configuration = configuration
        self.functionARN = configuration.functionARN
        self.clock = clock
        self.launcher = launcher
        self.environment = environment
        self.logs = logs
        self.journal = journal
        var logger = logger
        logger[metadataKey: "function"] = "\(configuration.name)"
        self.logger = logger
        self.machine = InvocationStateMachine(
            timeout: configuration.timeout,
            concurrencyLimit: configuration.concurrencyLimit,
            initTimeout: initTimeout
        )
    }

    // MARK: Invoking

    /// Runs `invocation` on a warm instance or a new one and waits for its outcome.
    package func invoke(_ invocation: LambdaInvocation) async -> InvokeAttempt {
        guard !isShutDown else { return .shutDown }
        let decision = machine.submit(invocation, now: clock.now)
        if decision != .throttled { journal.begin(invocation, function: configuration.name, at: clock.now) }
        switch decision {
        case .throttled:
            return .throttled
        case .deliver(let instance, let delivery):
            polls.removeValue(forKey: instance)?.resume(returning: .success(delivered(delivery, to: instance)))
        case .reserved:
            break
        case .startInstance(let instance):
            startInstance(instance)
        }
        rearmTimer()
        let outcome = await withCheckedContinuation { invokers[invocation.requestID] = $0 }
        return .completed(outcome)
    }

    /// Queues an asynchronous (`Event`) invocation: retried twice after a function error (one minute, then two
    /// minutes later, on the clock), and retried with backoff while throttled, as Lambda's internal queue does.
    /// `completion` gets every attempt's outcome, for tests and the CLI.
    package func invokeAsynchronously(
        _ invocation: LambdaInvocation,
        completion: (@Sendable (Int, LambdaInvocationOutcome) async -> Void)? = nil
    ) {
        guard !isShutDown else { return }
        let key = UUID()
        let clock = self.clock
        eventTasks[key] = Task {
            var attempt = 0
            var throttles = 0
            var done = false
            while !done, !Task.isCancelled {
                switch await self.invoke(invocation) {
                case .shutDown:
                    done = true
                case .throttled:
                    // Lambda keeps a throttled event for up to six hours; about 400 capped backoffs.
                    throttles += 1
                    done = throttles > 400
                    let backoff = min(60, pow(2, Double(min(throttles, 6))))
                    try? await clock.sleep(until: clock.now.addingTimeInterval(backoff))
                case .completed(let outcome):
                    attempt += 1
                    await completion?(attempt, outcome)
                    done = outcome.isSuccess || attempt > LambdaLimits.asyncRetries
                    if !done { try? await clock.sleep(until: clock.now.addingTimeInterval(Double(60 * attempt))) }
                }
            }
            self.finishEventTask(key)
        }
    }

    private func finishEventTask(_ key: UUID) { eventTasks[key] = nil }

    // MARK: Runtime API

    package func next(instance: InstanceID) async -> Result<InvocationStateMachine.Delivery, RuntimeAPIError> {
        if let launched = initStarts.removeValue(forKey: instance) {
            pendingInitDuration[instance] = Self.seconds(ContinuousClock.now - launched) * 1000
        }
        switch machine.next(instance: instance, now: clock.now) {
        case .failure(let error):
            return .failure(error)
        case .success(.deliver(let delivery)):
            let handed = delivered(delivery, to: instance)
            rearmTimer()
            return .success(handed)
        case .success(.wait):
            rearmTimer()
            return await withCheckedContinuation { continuation in
                polls.removeValue(forKey: instance)?.resume(
                    returning: .failure(RuntimeAPIError(.invalidStateTransition(from: "Ready", to: "Ready")))
                )
                polls[instance] = continuation
            }
        }
    }

    package func respond(instance: InstanceID, requestID: String, payload: Data) async -> RuntimeAPIError? {
        let now = clock.now
        await flushOutput(instance)
        return apply(machine.respond(instance: instance, requestID: requestID, payload: payload, now: now))
    }

    package func fail(instance: InstanceID, requestID: String, body: Data, errorType: String?) async -> RuntimeAPIError?
    {
        let now = clock.now
        await flushOutput(instance)
        let error = LambdaFunctionError(posted: body, errorTypeHeader: errorType)
        return apply(
            machine.fail(instance: instance, requestID: requestID, error: error, bodySize: body.count, now: now)
        )
    }

    /// `/init/error`, with AWS's lines: the invocation that cold-started the instance shows `START`, the
    /// `INIT_REPORT … Phase: invoke … Status: error`, `END` and a `REPORT … Status: error`, under its request id
    /// (without one waiting, the `INIT_REPORT` says `Phase: init`).
    package func initError(instance: InstanceID, body: Data, errorType: String?) async -> RuntimeAPIError? {
        let now = clock.now
        await flushOutput(instance)
        let error = LambdaFunctionError(posted: body, errorTypeHeader: errorType)
        let requestID = machine.instances[instance]?.reserved
        let milliseconds =
            initStarts.removeValue(forKey: instance).map { Self.seconds(ContinuousClock.now - $0) * 1000 } ?? 0
        let duration = String(format: "%.2f", milliseconds)
        if let requestID {
            currentRequest[instance] = requestID
            record("START RequestId: \(requestID) Version: $LATEST", instance: instance, requestID: requestID)
        }
        record(
            "INIT_REPORT Init Duration: \(duration) ms\tPhase: \(requestID == nil ? "init" : "invoke")\tStatus: error\tError Type: \(error.errorType)",
            instance: instance,
            requestID: requestID
        )
        let memory = processes[instance]?.maxMemoryUsedMB() ?? 0
        let rejection = apply(machine.initError(instance: instance, error: error, now: now))
        if let requestID {
            record("END RequestId: \(requestID)", instance: instance, requestID: requestID)
            record(
                "REPORT RequestId: \(requestID)\tDuration: \(duration) ms\tBilled Duration: "
                    + "\(max(1, Int(milliseconds.rounded(.up)))) ms\tMemory Size: \(configuration.memorySize) MB\t"
                    + "Max Memory Used: \(memory) MB\tStatus: error\tError Type: \(error.errorType)",
                instance: instance,
                requestID: requestID
            )
        }
        return rejection
    }

    /// Stands for the runtime build in `INIT_START` (AWS prints the hash of the runtime version in use).
    static let runtimeVersionHash = "0e8a4b2f5d1c9e7a3b6f8d2c4e1a7b9f5c3d8e6a2b4f1c7d9e5a3b8f6c2d4e1a"

    // MARK: Inspection

    package struct Status: Sendable, Equatable {
        package var liveInstances: Int
        package var inFlight: Int
        package var coldStarts: Int
        package var pids: [Int32]
        /// Instances holding an invocation right now.
        package var busy: Int = 0
    }

    package func status() -> Status {
        Status(
            liveInstances: machine.liveInstanceCount,
            inFlight: machine.inFlightCount,
            coldStarts: coldStarts,
            pids: processes.keys.sorted().compactMap { processes[$0]?.pid },
            busy: busyInstances.count
        )
    }

    private var busyInstances: [InstanceID] {
        machine.instances.filter { if case .busy = $0.value.state { true } else { false } }.keys.sorted()
    }

    /// SIGKILLs every instance that holds an invocation, by PID; those invocations end as crashes
    /// (`Runtime.ExitError`) once the exits are reported. Returns the PIDs signalled.
    package func killBusyInstances() -> [Int32] {
        var killed: [Int32] = []
        for instance in busyInstances {
            guard let handle = processes[instance] else { continue }
            handle.kill()
            killed.append(handle.pid)
        }
        if !killed.isEmpty { logger.info("busy instances killed", metadata: ["pids": "\(killed)"]) }
        return killed
    }

    // MARK: Shutdown

    /// Stops every instance by its PID, fails what was in flight, and waits until every process has exited and
    /// every listener is closed.
    package func shutdown() async {
        isShutDown = true
        timer?.cancel()
        timer = nil
        for task in eventTasks.values { task.cancel() }
        eventTasks = [:]
        for (_, handle) in processes { handle.kill() }
        pendingKill.formUnion(launching)
        while !processes.isEmpty || !launching.isEmpty {
            await withCheckedContinuation { idleWaiters.append($0) }
        }
        for (instance, poll) in polls {
            _ = instance
            poll.resume(returning: .failure(RuntimeAPIError(.instanceGone)))
        }
        polls = [:]
        for (requestID, continuation) in invokers {
            let outcome = LambdaInvocationOutcome.failure(
                LambdaFunctionError(
                    errorType: LambdaInvocationJournal.shutdownErrorType,
                    errorMessage: "The emulator shut down."
                )
            )
            journal.end(requestID, function: configuration.name, outcome: outcome, at: clock.now)
            continuation.resume(returning: outcome)
        }
        invokers = [:]
        let open = Array(servers.values)
        servers = [:]
        for server in open { await server.stop() }
    }

    // MARK: Instances

    private func startInstance(_ instance: InstanceID) {
        coldStarts += 1
        launching.insert(instance)
        logStreams[instance] = LambdaEnvironment.logStreamName(at: clock.now)
        Task { await self.launch(instance) }
    }

    private enum InstanceEvent: Sendable {
        case line(String)
        case exited(String)
        /// Resumed when every event before it has been handled.
        case barrier(CheckedContinuation<Void, Never>)
    }

    /// Records every line the instance wrote before now: the process's pipes are drained into the event stream,
    /// then a barrier waits for the stream to reach it. Called before an invocation settles, so its lines come
    /// before `END` and never under the next request id.
    private func flushOutput(_ instance: InstanceID) async {
        guard let handle = processes[instance], let events = instanceEvents[instance] else { return }
        handle.drainOutput()
        await withCheckedContinuation { continuation in
            if case .terminated = events.yield(.barrier(continuation)) { continuation.resume() }
        }
    }

    private func launch(_ instance: InstanceID) async {
        let server: RuntimeAPIServer
        do {
            server = try await RuntimeAPIServer.start(
                router: RuntimeAPIRouter.make(backend: self, instance: instance),
                logger: logger
            )
        } catch {
            launchFailed(instance, reason: "\(error)")
            return
        }
        servers[instance] = server
        if pendingKill.contains(instance) || machine.instances[instance]?.state == .stopped {
            launching.remove(instance)
            servers[instance] = nil
            await server.stop()
            wakeIdleWaiters()
            return
        }
        let (events, sink) = AsyncStream<InstanceEvent>.makeStream()
        let variables = environment.variables(
            for: configuration,
            runtimeAPI: server.address,
            logStream: logStreams[instance] ?? ""
        )
        record(
            "INIT_START Runtime Version: provided:al2023.v100\tRuntime Version ARN: arn:aws:lambda:\(configuration.region)::runtime:\(Self.runtimeVersionHash)",
            instance: instance
        )
        initStarts[instance] = ContinuousClock.now
        do {
            let handle = try launcher.launch(
                executable: configuration.executablePath,
                environment: variables,
                output: { sink.yield(.line($0)) },
                exited: { status in
                    sink.yield(.exited(status))
                    sink.finish()
                }
            )
            processes[instance] = handle
            instanceEvents[instance] = sink
            launching.remove(instance)
            logger.debug("instance started", metadata: ["instance": "\(instance)", "pid": "\(handle.pid)"])
            if pendingKill.contains(instance) { handle.kill() }
        } catch {
            sink.finish()
            launchFailed(instance, reason: "\(error)")
            return
        }
        Task {
            for await event in events {
                switch event {
                case .line(let line): self.record(line, instance: instance)
                case .exited(let status): await self.processExited(instance, status: status)
                case .barrier(let continuation): continuation.resume()
                }
            }
        }
    }

    private func launchFailed(_ instance: InstanceID, reason: String) {
        launching.remove(instance)
        logger.error("instance failed to start", metadata: ["instance": "\(instance)", "reason": "\(reason)"])
        record("INIT_REPORT Phase: init Status: error Error Type: Runtime.InvalidEntrypoint", instance: instance)
        apply(machine.exited(instance: instance, status: reason, now: clock.now))
        if let server = servers.removeValue(forKey: instance) { Task { await server.stop() } }
        wakeIdleWaiters()
    }

    private func processExited(_ instance: InstanceID, status: String) async {
        if let handle = processes[instance], let peak = handle.maxMemoryUsedMB() { peakMemory[instance] = peak }
        processes[instance] = nil
        instanceEvents[instance] = nil
        initStarts[instance] = nil
        pendingInitDuration[instance] = nil
        pendingKill.remove(instance)
        logger.debug("instance exited", metadata: ["instance": "\(instance)", "status": "\(status)"])
        apply(machine.exited(instance: instance, status: status, now: clock.now))
        polls.removeValue(forKey: instance)?.resume(returning: .failure(RuntimeAPIError(.instanceGone)))
        if let server = servers.removeValue(forKey: instance) { await server.stop() }
        currentRequest[instance] = nil
        wakeIdleWaiters()
    }

    private func wakeIdleWaiters() {
        guard processes.isEmpty, launching.isEmpty else { return }
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    // MARK: Effects

    /// Records `START` and returns the delivery as the runtime gets it: its deadline is on the wall clock.
    ///
    /// Runtimes compute the time left against their own clock (`Lambda-Runtime-Deadline-Ms` minus now), so on
    /// the virtual clock the header is the real now plus the virtual time left; the host still enforces the
    /// deadline on the emulator's clock.
    private func delivered(
        _ delivery: InvocationStateMachine.Delivery,
        to instance: InstanceID
    ) -> InvocationStateMachine.Delivery {
        currentRequest[instance] = delivery.invocation.requestID
        wallStarts[delivery.invocation.requestID] = ContinuousClock.now
        record("START RequestId: \(delivery.invocation.requestID) Version: $LATEST", instance: instance)
        var handed = delivery
        handed.deadline = Date().addingTimeInterval(delivery.deadline.timeIntervalSince(clock.now))
        return handed
    }

    @discardableResult
    private func apply(_ effects: InvocationStateMachine.Effects) -> RuntimeAPIError? {
        for settlement in effects.settlements {
            journal.end(
                settlement.requestID,
                function: configuration.name,
                outcome: settlement.outcome,
                at: settlement.endedAt
            )
            report(settlement)
            invokers.removeValue(forKey: settlement.requestID)?.resume(returning: settlement.outcome)
        }
        for instance in effects.instancesToStop {
            if let handle = processes[instance] {
                if let peak = handle.maxMemoryUsedMB() { peakMemory[instance] = peak }
                handle.kill()
            } else {
                pendingKill.insert(instance)
            }
            polls.removeValue(forKey: instance)?.resume(returning: .failure(RuntimeAPIError(.instanceGone)))
        }
        rearmTimer()
        return effects.rejection
    }

    /// Lambda's closing lines of an invocation.
    private func report(_ settlement: InvocationStateMachine.Settlement) {
        let id = settlement.requestID
        var status = ""
        if case .failure(let error) = settlement.outcome {
            switch error.errorType {
            case "Sandbox.Timedout":
                record(
                    "\(Self.timestamp(settlement.endedAt)) \(id) Task timed out after \(String(format: "%.2f", configuration.timeout)) seconds",
                    instance: settlement.instance,
                    requestID: id
                )
                status = "\tStatus: timeout"
            case "Runtime.ExitError", "Function.ResponseSizeTooLarge":
                record("\(error.errorMessage)\n\(error.errorType)", instance: settlement.instance, requestID: id)
                status = "\tStatus: error\tError Type: \(error.errorType)"
            default:
                break
            }
        }
        let wallStart = wallStarts.removeValue(forKey: id)
        guard let startedAt = settlement.startedAt else { return }
        // Wall time, or the emulator's when longer (a timeout after a jump of the virtual clock).
        let emulated = max(0, settlement.endedAt.timeIntervalSince(startedAt))
        let wall = wallStart.map { Self.seconds(ContinuousClock.now - $0) } ?? 0
        let milliseconds = max(emulated, wall) * 1000
        let memory = processes[settlement.instance]?.maxMemoryUsedMB() ?? peakMemory[settlement.instance] ?? 0
        peakMemory[settlement.instance] = memory
        record("END RequestId: \(id)", instance: settlement.instance, requestID: id)
        let initDuration = pendingInitDuration.removeValue(forKey: settlement.instance).map {
            "\tInit Duration: \(String(format: "%.2f", $0)) ms"
        }
        record(
            "REPORT RequestId: \(id)\tDuration: \(String(format: "%.2f", milliseconds)) ms\tBilled Duration: "
                + "\(max(1, Int(milliseconds.rounded(.up)))) ms\tMemory Size: \(configuration.memorySize) MB\t"
                + "Max Memory Used: \(memory) MB\(initDuration ?? "")\(status)",
            instance: settlement.instance,
            requestID: id
        )
    }

    private func record(_ line: String, instance: InstanceID, requestID: String? = nil) {
        let event = LambdaLogEvent(
            function: configuration.name,
            requestID: requestID ?? currentRequest[instance],
            logStream: logStreams[instance] ?? "",
            timestamp: clock.now,
            message: line
        )
        logs.append(event)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    // MARK: Deadlines

    private func rearmTimer() {
        let deadline = machine.nextDeadline
        guard deadline != timerDeadline else { return }
        timer?.cancel()
        timerDeadline = deadline
        guard let deadline, !isShutDown else {
            timer = nil
            return
        }
        let clock = self.clock
        timer = Task {
            do { try await clock.sleep(until: deadline) } catch { return }
            self.deadlinePassed()
        }
    }

    private func deadlinePassed() {
        timerDeadline = nil
        apply(machine.expire(now: clock.now))
    }
}
