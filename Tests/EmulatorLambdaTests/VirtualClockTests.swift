import Foundation
import Testing

@testable import Emulator

@Suite("Lambda on the emulator's virtual clock", .serialized)
struct VirtualClockTests {
    @Test("a 120 s function timeout passes when the virtual clock is advanced, not in wall time")
    func timeoutOnVirtualClock() async throws {
        let virtual = VirtualEmulatorClock()
        let function = try behaviourFunction("sleep", timeout: 120)
        try await withHost(function, clock: EmulatorLambdaClock(virtual)) { host in
            async let outcome = host.invoke(LambdaInvocation(payload: Data("{}".utf8)))
            #expect(await eventually { logLines(host).contains { $0.hasPrefix("START RequestId: ") } })
            try virtual.advance(by: 119)
            try await Task.sleep(nanoseconds: 100_000_000)
            #expect(await host.status().inFlight == 1, "not before the deadline")
            try virtual.advance(by: 1)
            let ended = await eventually(5) { await host.status().inFlight == 0 }
            try #require(ended, "the deadline follows the virtual clock, not the wall clock")
            guard case .completed(.failure(let error)) = await outcome else {
                Issue.record("expected a timeout")
                return
            }
            #expect(error.errorMessage.hasSuffix("Task timed out after 120.00 seconds"))
        }
    }
}
