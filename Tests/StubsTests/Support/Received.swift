import Foundation
import Hashing
import Synchronization
import TestSupport
import Testing

@testable import Stubs

/// What a fake producer received.
final class Received: Sendable {
    let requests = Mutex<[(headers: [String: String], body: [UInt8])]>([])
    var count: Int { requests.withLock { $0.count } }
}
