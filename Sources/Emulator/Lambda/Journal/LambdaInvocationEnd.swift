import Foundation

/// How one invocation ended, on the emulator's clock: what an `Errors` alarm evaluates (a period with no ending
/// has no datapoint; one with endings counts its failures).
package struct LambdaInvocationEnd: Sendable, Equatable {
    package var at: Date
    package var failed: Bool

    package init(at: Date, failed: Bool) {
        self.at = at
        self.failed = failed
    }
}
