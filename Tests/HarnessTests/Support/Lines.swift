import AWSClient
import Foundation
import Hummingbird
import Synchronization
import TestSupport
import Testing

@testable import Harness

/// Progress lines collected from a `@Sendable` callback.
final class Lines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
