import Foundation
import TestSupport

@testable import Stubs

extension StubStack {
    /// Both stubs on free ports for the length of `body`, then stopped.
    func withRunning<Result: Sendable>(
        _ body: @Sendable (_ asana: URL, _ sentry: URL) async throws -> Result
    ) async throws -> Result {
        let (urls, continuation) = AsyncStream<(URL, URL)>.makeStream()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await self.run(asanaPort: 0, sentryPort: 0) { asana, sentry in
                    continuation.yield((asana, sentry))
                    continuation.finish()
                }
            }
            defer { group.cancelAll() }
            var ready: (URL, URL)?
            for await pair in urls {
                ready = pair
                break
            }
            guard let (asana, sentry) = ready else { throw TestServerError(message: "the stubs did not start") }
            return try await body(asana, sentry)
        }
    }
}
