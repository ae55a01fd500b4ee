import Foundation
import LambdaEvents
import Testing

@testable import Emulator

/// A queue in memory: received messages stay in flight (they never reappear during a test), deletes are recorded.
actor FakeMappingQueue: MappingQueue {
    private var visible: [MappingQueueMessage]
    private var inFlight: [String: MappingQueueMessage] = [:]
    private(set) var deleted: [String] = []
    private(set) var visibilities: [Int] = []
    let queueVisibility: Int

    init(messages: [MappingQueueMessage], visibility: Int) {
        visible = messages
        queueVisibility = visibility
    }

    func receive(max: Int, visibility: Int, wait: Int) async throws -> [MappingQueueMessage] {
        visibilities.append(visibility)
        if visible.isEmpty {
            // A short stand-in for the long poll, so idle pollers do not spin.
            try await Task.sleep(nanoseconds: 20_000_000)
            return []
        }
        let taken = Array(visible.prefix(max))
        visible.removeFirst(taken.count)
        for message in taken { inFlight[message.receiptHandle] = message }
        return taken
    }

    func delete(receiptHandles: [String]) async throws {
        for handle in receiptHandles where inFlight.removeValue(forKey: handle) != nil { deleted.append(handle) }
    }

    func changeVisibility(receiptHandles: [String], timeout: Int) async throws {}

    func visibilityTimeout() async throws -> Int { queueVisibility }

    var inFlightIDs: [String] { inFlight.values.map(\.messageID).sorted() }
}
