import Foundation
import TestSupport
import Testing
import Topology

@testable import Harness

/// What the demo prints about the ten deliveries: each one's virtual time and the gap before it, measured from the
/// invocation journal, and why they come that far apart, from the stack's own numbers.
@Suite("Demo delivery lines")
struct DemoDeliveryLinesTests {
    @Test("the demo's delivery lines carry each delivery's virtual time, the gap before it and the spacing")
    func deliveryLines() {
        func record(_ start: Int64, _ end: Int64?) -> InvocationRecord {
            InvocationRecord(
                requestId: "r",
                function: "f",
                source: "sqs",
                startedAt: start,
                endedAt: end,
                outcome: "success",
                errorType: nil,
                errorMessage: nil,
                messageIds: []
            )
        }
        let even = Demo.deliveryLines([record(1_000, 31_000), record(156_000, 186_000), record(311_000, nil)])
        #expect(
            even.deliveries == [
                "delivery 1 at +0 s: ran 30 s, invocation success, the record in batchItemFailures",
                "delivery 2 at +155 s (155 s after delivery 1): ran 30 s, invocation success, the record in batchItemFailures",
                "delivery 3 at +310 s (155 s after delivery 2): invocation success, the record in batchItemFailures",
            ]
        )
        #expect(even.spacing == "3 deliveries 155 s apart in virtual time")
        let uneven = Demo.deliveryLines([record(0, nil), record(125_000, nil), record(280_000, nil)])
        #expect(uneven.spacing == "3 deliveries 125–155 s apart in virtual time")
        #expect(Demo.deliveryLines([]).spacing == nil && Demo.deliveryLines([record(0, nil)]).spacing == nil)
    }

    @Test("the spacing's reason comes from the stack: 5 s window + 120 s timeout + 30 s at production's numbers")
    func spacingReason() throws {
        let path = ChildProcess.packageRoot.appendingPathComponent("emulator/stack.yaml").path
        var stack = try StackTopology.load(from: path)
        let queue = try #require(stack.queues.first { $0.redrive != nil })
        #expect(
            Demo.spacingReason(stack: stack, queue: queue, consumer: "sentry-asana-consumer", window: 5)
                == "Lambda receives with 5 s window + 120 s function timeout + 30 s = 155 s of visibility, "
                + "since window + timeout exceed the queue's 120 s"
        )
        let index = try #require(stack.functions.firstIndex { $0.name == "sentry-asana-consumer" })
        stack.functions[index].timeout = 60
        #expect(
            Demo.spacingReason(stack: stack, queue: queue, consumer: "sentry-asana-consumer", window: 5)
                == "each comes back when the queue's 120 s visibility timeout ends"
        )
    }
}
