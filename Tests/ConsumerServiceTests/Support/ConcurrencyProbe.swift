import AsanaAPI
import ConsumerService
import Foundation
import Routing
import SentryAPI
import ServiceSupport
import Synchronization
import Testing

final class ConcurrencyProbe: Sendable {
    let state = Mutex<(now: Int, max: Int)>((0, 0))
    func enter() {
        state.withLock {
            $0.now += 1
            $0.max = Swift.max($0.max, $0.now)
        }
    }
    func leave() { state.withLock { $0.now -= 1 } }
    var maximum: Int { state.withLock { $0.max } }
}
