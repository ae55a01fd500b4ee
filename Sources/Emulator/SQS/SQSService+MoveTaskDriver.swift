import Foundation

/// Drives running message move tasks. Step n (from 0) may bring the task's total to `moved at start + rate ×
/// (n + 1)`; step n is due once n seconds have passed since the driver started, on the emulator clock OR on
/// the wall clock, whichever is further. So a `--virtual-clock` run that never advances its clock still sees
/// its re-drive finish (at the real rate), and advancing the clock lets it move faster. A cancel or a reset
/// wakes the driver at once (through the notifier).
extension SQSService {
    /// Starts (or restarts) the driver of the task `handle`. The driver holds the service weakly between steps.
    func startMoveDriver(_ handle: String) {
        let notifier = self.notifier
        let clock = self.clock
        let driver = Task { [weak self] in
            let wallStart = ContinuousClock.now
            let clockStart = clock.now()
            guard let (rate, baseMoved) = self?.locked({ state in state.moveTasks[handle].map { ($0.rate, $0.moved) } })
            else { return }
            while !Task.isCancelled {
                let generation = notifier.generation
                let wallElapsed = Self.seconds(ContinuousClock.now - wallStart)
                let elapsed = max(wallElapsed, clock.now().timeIntervalSince(clockStart))
                let step = Int(min(max(elapsed, 0), 1e9).rounded(.down))
                let (allowed, overflow) = rate.multipliedReportingOverflow(by: step + 1)
                let stillRunning =
                    self?.advanceMoveTask(handle, allowedTotal: overflow ? Int.max : baseMoved &+ allowed) ?? false
                guard stillRunning else { break }
                let next = Double(step + 1)
                await Self.waitForStep(
                    notifier: notifier,
                    generation: generation,
                    clock: clock,
                    clockDeadline: clockStart.addingTimeInterval(next),
                    wallDeadline: wallStart.advanced(by: .milliseconds(Int64(next * 1000)))
                )
            }
            _ = self?.locked { state in state.moveDrivers.removeValue(forKey: handle) }
        }
        locked { state in state.moveDrivers[handle] = driver }
    }

    /// Stops every driver (their tasks stay as stored: a restart on the same state resumes them).
    package func stopMoveTasks() {
        let drivers = locked { (state: inout State) -> [Task<Void, Never>] in
            defer { state.moveDrivers.removeAll() }
            return Array(state.moveDrivers.values)
        }
        for driver in drivers { driver.cancel() }
    }

    /// Restarts the drivers of tasks that were running (or being cancelled) when the state was saved.
    func resumeMoveTasks() {
        let active = locked { state in state.moveTasks.values.filter(\.isActive).map(\.taskHandle) }
        for handle in active { startMoveDriver(handle) }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// Returns at the first change, when the emulator clock reaches `clockDeadline`, when the wall clock
    /// reaches `wallDeadline`, or when cancelled.
    private static func waitForStep(
        notifier: ChangeNotifier,
        generation: UInt64,
        clock: any EmulatorClock,
        clockDeadline: Date,
        wallDeadline: ContinuousClock.Instant
    ) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await notifier.wait(after: generation, until: clockDeadline, clock: clock) }
            group.addTask { try? await Task.sleep(until: wallDeadline, clock: .continuous) }
            await group.next()
            group.cancelAll()
        }
    }
}
