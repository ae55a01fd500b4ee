import Foundation
import Logging

extension LambdaRuntime {
    /// The entry point of a bootstrap: runs the loop and exits the process non-zero when it ends with an error
    /// (initialisation failed, the Runtime API reported a container error or stayed unreachable), zero when it
    /// was cancelled.
    public func runOrExit() async -> Never {
        do {
            try await run()
            exit(0)
        } catch is CancellationError {
            exit(0)
        } catch {
            logger.critical("runtime stopped", metadata: ["error": "\(error)"])
            exit(1)
        }
    }
}
