import Foundation
import Stubs

/// One declarative scenario: what the stack looks like, what is done to it step by step, and what must hold.
/// Read from YAML by `ScenarioParser`; run by `ScenarioRunner`. See `docs/scenarios.md` for the format.
package struct Scenario: Sendable {
    package enum ClockMode: String, Sendable {
        /// The emulator's clock moves only when a step advances it: visibility timeouts, batching windows and
        /// function timeouts of minutes pass in milliseconds of wall time.
        case virtual
        case real
    }

    /// The file it came from (for messages and JUnit's `classname`).
    package var file: String
    package var name: String
    package var description: String
    package var clock: ClockMode
    package var stack: StackAdjustments
    /// Another fixtures folder (`asana/`, `sentry/`, `webhooks/`) instead of the repository's `fixtures/`.
    package var seed: String?
    /// Records added to the stubs' seeded state before the first step (the stubs' seed document format:
    /// `projects`, `portfolio_items`, … for Asana; `issues`, `events`, `settings`, … for Sentry).
    package var seedAsana: JSON?
    package var seedSentry: JSON?
    package var steps: [ScenarioStep]

    /// A scenario that kills the emulator needs it as a child process; every other one runs it in-process.
    package var needsEmulatorProcess: Bool {
        steps.contains { step in
            if case .killEmulator = step.action { return true }
            return false
        }
    }
}

/// Changes to the stack file's numbers for one scenario (queue attributes, redrive count, function timeouts and
/// concurrency, mapping batch size and window), keyed by the resource's name.
package struct StackAdjustments: Sendable, Equatable {
    package struct Queue: Sendable, Equatable {
        package var attributes: [String: String] = [:]
        package var maxReceiveCount: Int?
    }

    package struct Function: Sendable, Equatable {
        package var timeout: Int?
        package var reservedConcurrency: Int?
        package var environment: [String: String] = [:]
    }

    package struct Mapping: Sendable, Equatable {
        package var batchSize: Int?
        package var maximumBatchingWindow: Int?
        package var maximumConcurrency: Int?
    }

    package var queues: [String: Queue] = [:]
    package var functions: [String: Function] = [:]
    /// Keyed by the mapping's function.
    package var mappings: [String: Mapping] = [:]

    package var isEmpty: Bool { queues.isEmpty && functions.isEmpty && mappings.isEmpty }
}
