import Foundation
import Logging

@testable import Emulator

/// Runs an emulator on 127.0.0.1 at a kernel-chosen port for `body`, and always shuts it down.
func withEmulatorServer<Result: Sendable>(
    statePath: String? = nil,
    virtualClock: Bool = false,
    _ body: @Sendable (EmulatorServer) async throws -> Result
) async throws -> Result {
    var logger = Logger(label: "emulator-interop")
    logger.logLevel = .critical
    let emulator = try Emulator(
        configuration: EmulatorConfiguration(port: 0, statePath: statePath, virtualClock: virtualClock),
        logger: logger
    )
    let server = EmulatorServer(emulator: emulator, logger: logger)
    try await server.start()
    do {
        let result = try await body(server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}
