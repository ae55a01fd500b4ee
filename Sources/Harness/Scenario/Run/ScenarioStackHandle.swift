import Foundation
import Stubs
import Topology

/// The stack a scenario runs against: the stubs (in-process, for their state and journals) and an emulator the
/// runner reaches only over HTTP (the AWS API and `/_devstack/…`), whether it runs in this process or as a child.
package protocol ScenarioStackHandle: Sendable {
    var awsEndpoint: URL { get async }
    var webhookURL: URL { get async }
    var stubs: StubStack { get }
    /// The stack file as loaded, with the scenario's adjustments.
    var stack: StackTopology { get }
    /// `kill -9` the emulator (child-process stacks only).
    func killEmulator() async throws
    /// Start it again on the same state file and ports (child-process stacks only).
    func restartEmulator() async throws
    func shutdown() async
}

extension StackAdjustments {
    /// Applies the scenario's numbers to the stack file's.
    package func apply(to stack: inout StackTopology) {
        for index in stack.queues.indices {
            guard let queue = queues[stack.queues[index].name] else { continue }
            stack.queues[index].attributes.merge(queue.attributes) { _, new in new }
            if let count = queue.maxReceiveCount { stack.queues[index].redrive?.maxReceiveCount = count }
        }
        for index in stack.functions.indices {
            guard let function = functions[stack.functions[index].name] else { continue }
            if let timeout = function.timeout { stack.functions[index].timeout = timeout }
            if let concurrency = function.reservedConcurrency {
                stack.functions[index].reservedConcurrency = concurrency
            }
            stack.functions[index].environment.merge(function.environment) { _, new in new }
        }
        for index in stack.eventSourceMappings.indices {
            guard let mapping = mappings[stack.eventSourceMappings[index].function] else { continue }
            if let size = mapping.batchSize { stack.eventSourceMappings[index].batchSize = size }
            if let window = mapping.maximumBatchingWindow {
                stack.eventSourceMappings[index].maximumBatchingWindow = window
            }
            if let concurrency = mapping.maximumConcurrency {
                stack.eventSourceMappings[index].maximumConcurrency = concurrency
            }
        }
    }

    /// Names the adjustments give that the stack does not have.
    package func unknownNames(in stack: StackTopology) -> [String] {
        let queueNames = Set(stack.queues.map(\.name))
        let functionNames = Set(stack.functions.map(\.name))
        let mappingNames = Set(stack.eventSourceMappings.map(\.function))
        return queues.keys.filter { !queueNames.contains($0) }.map { "stack.queues.\($0)" }
            + functions.keys.filter { !functionNames.contains($0) }.map { "stack.functions.\($0)" }
            + mappings.keys.filter { !mappingNames.contains($0) }.map { "stack.mappings.\($0)" }
    }
}
