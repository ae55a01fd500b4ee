import Foundation
import Hummingbird
import TestSupport
import Testing

@testable import Emulator

struct FakeQueueProvider: MappingQueueProvider {
    let queues: [String: FakeMappingQueue]
    func queue(arn: String) async -> (any MappingQueue)? { queues[arn] }
}
