import Foundation
import Testing

@testable import Emulator

actor AttemptLog {
    private var outcomes: [(Int, LambdaInvocationOutcome)] = []
    func add(_ attempt: Int, _ outcome: LambdaInvocationOutcome) { outcomes.append((attempt, outcome)) }
    var count: Int { outcomes.count }
    var allFailed: Bool { outcomes.allSatisfy { !$0.1.isSuccess } }
}
