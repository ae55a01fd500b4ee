import Foundation
import Stubs

/// One step of a scenario, with where it is in the file (`steps[3]`) for messages.
package struct ScenarioStep: Sendable {
    package var field: String
    package var action: Action

    package enum Stub: String, Sendable, CaseIterable {
        case asana
        case sentry
    }

    /// How a webhook request is signed.
    package enum Signature: String, Sendable, CaseIterable {
        /// Signed with the stack's client secret, as Sentry signs it.
        case valid
        /// A signature header with a wrong value.
        case forged
        /// No signature header at all.
        case none
    }

    package struct Send: Sendable {
        /// A file of `fixtures/webhooks/` (or of the scenario's seed folder), or nil when `body` is given.
        package var fixture: String?
        /// A literal body (sent as is).
        package var body: String?
        package var count: Int = 1
        /// Give every copy a new `data.event.event_id`, so that each is a new alert for the duplicate check.
        package var freshEventID = true
        /// Replaces `data.event.title` (e.g. with characters SQS refuses, such as U+FFFE).
        package var title: String?
        /// Adds a `data.event.padding` field of this many bytes (a huge stack trace's worth of body).
        package var padBytes: Int?
        package var signature: Signature = .valid
        package var resource = "event_alert"
        /// The HTTP status every answer must have (checked as the step runs).
        package var expectStatus: Int?
        /// A name for the message ids the producer answered with, for later expectations.
        package var label: String?
    }

    package struct QueueSend: Sendable {
        package var queue: String
        package var body: String
        package var attributes: [String: String] = [:]
        package var label: String?
    }

    package struct Until: Sendable {
        package var conditions: [ScenarioExpectation]
        /// Clock step (virtual) or polling interval (real).
        package var step: Double
        /// Give up after this much (virtual seconds for `advance_until`, wall seconds for `wait_until`).
        package var limit: Double
    }

    package enum Action: Sendable {
        case fault(Stub, FaultSpec, name: String?)
        case removeFault(name: String)
        case clearFaults(Stub)
        case send(Send)
        case queueSend(QueueSend)
        case advance(seconds: Double)
        /// Virtual clock: advance by `step` until the conditions hold, waiting before each step until no
        /// invocation is under way (so that a jump never times out a running invocation).
        case advanceUntil(Until)
        /// Real time: poll until the conditions hold.
        case waitUntil(Until)
        /// Wait until the function is busy (bounded), then kill every busy instance.
        case killFunction(String, waitSeconds: Double)
        /// `kill -9` the emulator process.
        case killEmulator
        /// Start it again on the same state file and ports.
        case restartEmulator
        /// `StartMessageMoveTask` from a DLQ back to its source queue (or `to`).
        case redrive(from: String, to: String?)
        /// Push the messages of an SQS dump file (`aws sqs receive-message --output json`) to a queue.
        case replay(file: String, queue: String, label: String?)
        case expect([ScenarioExpectation])
        /// Let the stack run for a while of wall time (real clock scenarios).
        case sleep(seconds: Double)
    }
}
