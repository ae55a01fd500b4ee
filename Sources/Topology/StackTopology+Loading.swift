import Foundation
import Yams

extension StackTopology {
    /// Reads and validates a stack file, and the shared topology it names (`topology: PATH`, relative to the
    /// stack file's folder; see `SharedTopologyMerge`).
    public static func load(from path: String) throws(TopologyError) -> StackTopology {
        let folder = (path as NSString).deletingLastPathComponent
        return try parse(try read(path, what: "stack file"), source: path, baseDirectory: folder.isEmpty ? "." : folder)
    }

    /// Parses and validates stack YAML; `source` names it in errors, and a `topology:` path is read relative to
    /// `baseDirectory` (the current folder when nil).
    public static func parse(
        _ yaml: String,
        source: String = "stack.yaml",
        baseDirectory: String? = nil
    ) throws(TopologyError) -> StackTopology {
        let document: Node?
        do {
            document = try Yams.compose(yaml: yaml)
        } catch {
            throw TopologyError(.malformed, "\(source): \(error)")
        }
        var merged = document
        if var local = document?.mapping, let reference = local["topology"] {
            guard let file = reference.string, !file.isEmpty else {
                throw TopologyError(.malformed, "\(source): 'topology' must be the path of the shared topology file")
            }
            let joined = file.hasPrefix("/") ? file : "\(baseDirectory ?? ".")/\(file)"
            let absolute = joined.hasPrefix("/") ? joined : "\(FileManager.default.currentDirectoryPath)/\(joined)"
            let path = (absolute as NSString).standardizingPath
            let sharedText = try read(path, what: "shared topology")
            let shared: Node.Mapping
            do {
                guard let mapping = try Yams.compose(yaml: sharedText)?.mapping else {
                    throw TopologyError(.malformed, "\(path): the shared topology must be a mapping")
                }
                shared = mapping
            } catch let error as TopologyError {
                throw error
            } catch {
                throw TopologyError(.malformed, "\(path): \(error)")
            }
            local["topology"] = nil
            merged = try SharedTopologyMerge.merge(
                local: local,
                shared: shared,
                localSource: source,
                sharedSource: path
            )
        }
        let topology: StackTopology
        do {
            if let merged {
                topology = try YAMLDecoder().decode(StackTopology.self, from: merged)
            } else {
                topology = try YAMLDecoder().decode(StackTopology.self, from: yaml)
            }
        } catch let error as DecodingError {
            throw TopologyError(.malformed, "\(source): \(describe(error))")
        } catch {
            throw TopologyError(.malformed, "\(source): \(error)")
        }
        try topology.validate(source: source)
        return topology
    }

    private static func read(_ path: String, what: String) throws(TopologyError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TopologyError(.unreadable, "cannot read the \(what) \(path): \(error.localizedDescription)")
        }
    }

    /// Checks what YAML cannot: names are unique, references resolve, numbers are within AWS's limits.
    public func validate(source: String = "stack.yaml") throws(TopologyError) {
        func fail(_ message: String) -> TopologyError { TopologyError(.invalid, "\(source): \(message)") }
        if let name = Self.firstDuplicate(queues.map(\.name)) { throw fail("queue '\(name)' is declared twice") }
        if let name = Self.firstDuplicate(secrets.map(\.name)) { throw fail("secret '\(name)' is declared twice") }
        if let name = Self.firstDuplicate(functions.map(\.name)) { throw fail("function '\(name)' is declared twice") }
        if let name = Self.firstDuplicate(alarms.map(\.name)) { throw fail("alarm '\(name)' is declared twice") }
        for queue in queues {
            if let redrive = queue.redrive {
                guard let dlq = self.queue(named: redrive.deadLetterQueue) else {
                    throw fail("queue '\(queue.name)' redrives to '\(redrive.deadLetterQueue)', which is not declared")
                }
                guard dlq.isFIFO == queue.isFIFO else {
                    throw fail("queue '\(queue.name)' and its dead-letter queue must both be FIFO or both standard")
                }
                guard (1...1000).contains(redrive.maxReceiveCount) else {
                    throw fail("queue '\(queue.name)': max_receive_count must be 1 to 1000")
                }
            }
        }
        for secret in secrets {
            guard let keys = secret.keys else { continue }
            let object = try? JSONSerialization.jsonObject(with: Data(secret.secretString.utf8)) as? [String: Any]
            guard let object, Set(object.keys) == Set(keys) else {
                throw fail(
                    "secret '\(secret.name)': its value must be a JSON object with the keys \(keys.joined(separator: ", "))"
                )
            }
        }
        for function in functions {
            for variable in function.environmentPerWorld where function.environment[variable] == nil {
                throw fail(
                    "function '\(function.name)': the shared topology leaves \(variable) to each world, and this stack does not set it"
                )
            }
            guard (1...900).contains(function.timeout) else {
                throw fail("function '\(function.name)': timeout must be 1 to 900 seconds")
            }
            guard (128...10240).contains(function.memory) else {
                throw fail("function '\(function.name)': memory must be 128 to 10240 MB")
            }
        }
        for alarm in alarms {
            guard alarm.evaluationPeriods >= 1, (1...alarm.evaluationPeriods).contains(alarm.datapointsToAlarm) else {
                throw fail(
                    "alarm '\(alarm.name)': datapoints_to_alarm must be 1 to evaluation_periods (\(alarm.evaluationPeriods))"
                )
            }
            guard alarm.period >= 10, alarm.period * alarm.evaluationPeriods <= 86_400 * 7 else {
                throw fail("alarm '\(alarm.name)': period × evaluation_periods must be 10 s to 7 days")
            }
        }
        for mapping in eventSourceMappings {
            guard function(named: mapping.function) != nil else {
                throw fail("event source mapping names function '\(mapping.function)', which is not declared")
            }
            guard let queue = queue(named: mapping.queue) else {
                throw fail("event source mapping names queue '\(mapping.queue)', which is not declared")
            }
            let maximumBatch = mapping.maximumBatchingWindow > 0 && !queue.isFIFO ? 10_000 : 10
            guard (1...maximumBatch).contains(mapping.batchSize) else {
                throw fail(
                    "event source mapping \(mapping.queue) → \(mapping.function): batch_size must be 1 to \(maximumBatch)"
                )
            }
            guard (0...300).contains(mapping.maximumBatchingWindow) else {
                throw fail(
                    "event source mapping \(mapping.queue) → \(mapping.function): maximum_batching_window must be 0 to 300"
                )
            }
            if let concurrency = mapping.maximumConcurrency, !(2...1000).contains(concurrency) {
                throw fail(
                    "event source mapping \(mapping.queue) → \(mapping.function): maximum_concurrency must be 2 to 1000"
                )
            }
            for type in mapping.functionResponseTypes where type != "ReportBatchItemFailures" {
                throw fail("event source mapping: unknown function response type '\(type)'")
            }
        }
    }

    private static func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { return name }
        return nil
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' at \(path(context).isEmpty ? "top level" : path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
