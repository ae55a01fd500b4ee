import Yams

/// Puts a stack file together with the shared topology it names (`topology: ../config/topology.yaml`): the
/// names and numbers production and the local stack share live in the shared file; the stack file adds only what
/// is local (which executable, stub URLs, development secret values, the account).
///
/// The rule that keeps one source: a stack file may **add** to a shared entry (a key it does not have, a variable
/// its `environment` does not set) but never **set again** what the shared file sets, and it may not declare a
/// queue, function, secret, mapping or alarm the shared file does not have. Either mistake is an error naming the
/// key and both files, so a number cannot quietly differ between the two worlds.
enum SharedTopologyMerge {
    /// The list sections, and the keys that name one entry of each.
    static let sections: [(name: String, identity: [String])] = [
        ("queues", ["name"]),
        ("secrets", ["name"]),
        ("functions", ["name"]),
        ("event_source_mappings", ["function", "queue"]),
        ("alarms", ["name"]),
    ]

    /// The merged document; `local` is the stack file (its `topology` key removed), `shared` the shared file.
    static func merge(
        local: Node.Mapping,
        shared: Node.Mapping,
        localSource: String,
        sharedSource: String
    ) throws(TopologyError) -> Node {
        func fail(_ message: String) -> TopologyError { TopologyError(.invalid, message) }
        let sectionNames = Set(sections.map(\.name))
        for (key, _) in shared {
            guard let name = key.string, sectionNames.contains(name) else {
                throw fail(
                    "\(sharedSource): '\(key.string ?? "?")' is not a shared section (\(sections.map(\.name).joined(separator: ", ")))"
                )
            }
        }
        var result = Node.Mapping([])
        for (key, value) in local where !sectionNames.contains(key.string ?? "") {
            result[key] = value
        }
        for section in sections {
            let sharedEntries = try entries(shared[section.name], section: section.name, source: sharedSource)
            let localEntries = try entries(local[section.name], section: section.name, source: localSource)
            guard !sharedEntries.isEmpty || !localEntries.isEmpty else { continue }
            var merged: [Node] = []
            var used = Set<String>()
            for entry in sharedEntries {
                let id = identity(of: entry, keys: section.identity)
                var combined = entry
                if let addition = localEntries.first(where: { identity(of: $0, keys: section.identity) == id }) {
                    used.insert(id)
                    combined = try add(
                        addition,
                        to: entry,
                        path: "\(section.name)[\(id)]",
                        localSource: localSource,
                        sharedSource: sharedSource
                    )
                }
                merged.append(.mapping(combined))
            }
            for entry in localEntries {
                let id = identity(of: entry, keys: section.identity)
                guard used.contains(id) else {
                    throw fail(
                        "\(localSource): \(section.name)[\(id)] is not in the shared topology \(sharedSource); declare it there, where production reads it too"
                    )
                }
            }
            result[Node(section.name)] = .sequence(Node.Sequence(merged))
        }
        return .mapping(result)
    }

    private static func entries(_ node: Node?, section: String, source: String) throws(TopologyError) -> [Node.Mapping]
    {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            throw TopologyError(.malformed, "\(source): '\(section)' must be a list")
        }
        var result: [Node.Mapping] = []
        for item in sequence {
            guard let mapping = item.mapping else {
                throw TopologyError(.malformed, "\(source): every entry of '\(section)' must be a mapping")
            }
            result.append(mapping)
        }
        return result
    }

    private static func identity(of entry: Node.Mapping, keys: [String]) -> String {
        keys.map { entry[$0]?.string ?? "?" }.joined(separator: " → ")
    }

    /// `addition`'s keys added to `entry`; mappings (`environment`, `attributes`, `value`) are added to key by key.
    private static func add(
        _ addition: Node.Mapping,
        to entry: Node.Mapping,
        path: String,
        localSource: String,
        sharedSource: String
    ) throws(TopologyError) -> Node.Mapping {
        var result = entry
        for (key, value) in addition {
            let name = key.string ?? "?"
            guard let existing = entry[key] else {
                result[key] = value
                continue
            }
            if let existingMapping = existing.mapping, let addedMapping = value.mapping {
                result[key] = .mapping(
                    try add(
                        addedMapping,
                        to: existingMapping,
                        path: "\(path).\(name)",
                        localSource: localSource,
                        sharedSource: sharedSource
                    )
                )
            } else if existing != value || existing.mapping != nil || value.mapping != nil {
                throw TopologyError(
                    .invalid,
                    "\(localSource): \(path).\(name) is set in the shared topology \(sharedSource) already; set it in one place"
                )
            } else if !isIdentity(name) {
                throw TopologyError(
                    .invalid,
                    "\(localSource): \(path).\(name) repeats the shared topology \(sharedSource); set it in one place"
                )
            }
        }
        return result
    }

    /// The keys that name an entry, which both files repeat on purpose.
    private static func isIdentity(_ key: String) -> Bool {
        sections.contains { $0.identity.contains(key) }
    }
}
