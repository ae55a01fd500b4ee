import Synchronization

/// The fault rules of one stub and how often each has matched. The decision for a request is made in one critical
/// section, so "fail N times then succeed" holds under concurrent requests.
package final class FaultTable: Sendable {
    private let state = Mutex(FaultState())

    package init() {}

    /// Adds a rule and returns its id.
    @discardableResult
    package func add(_ spec: FaultSpec) -> Int {
        state.withLock { $0.add(spec) }
    }

    @discardableResult
    package func remove(id: Int) -> Bool {
        state.withLock { $0.remove(id: id) }
    }

    package func reset() {
        state.withLock { $0.reset() }
    }

    package var rules: [FaultState.Rule] {
        state.withLock { $0.rules }
    }

    /// The rule to apply to this request, if any, counting the request against every matching rule.
    package func decide(method: String, path: String) -> FaultSpec? {
        state.withLock { $0.decide(method: method, path: path) }
    }
}

/// The value-type state machine behind `FaultTable`: rules in the order they were added, each with its count of
/// matching requests. The first rule whose window (`after` … `after + times`) covers the request applies.
package struct FaultState: Sendable {
    package struct Rule: Sendable {
        package var id: Int
        package var spec: FaultSpec
        /// Matching requests seen so far.
        package var matched: Int = 0
        /// Requests this rule was applied to.
        package var applied: Int = 0

        package var json: JSON {
            guard case .object(var object) = spec.json else { return spec.json }
            object["id"] = .number(Double(id))
            object["matched"] = .number(Double(matched))
            object["applied"] = .number(Double(applied))
            object["exhausted"] = .bool(spec.times.map { applied >= $0 } ?? false)
            return .object(object)
        }
    }

    package private(set) var rules: [Rule] = []
    private var nextID = 1

    package init() {}

    package mutating func add(_ spec: FaultSpec) -> Int {
        let id = nextID
        nextID += 1
        rules.append(Rule(id: id, spec: spec))
        return id
    }

    package mutating func remove(id: Int) -> Bool {
        let before = rules.count
        rules.removeAll { $0.id == id }
        return rules.count != before
    }

    package mutating func reset() {
        rules.removeAll()
    }

    package mutating func decide(method: String, path: String) -> FaultSpec? {
        var chosen: FaultSpec?
        for index in rules.indices where rules[index].spec.matches(method: method, path: path) {
            rules[index].matched += 1
            guard chosen == nil else { continue }
            let spec = rules[index].spec
            let position = rules[index].matched - 1
            guard position >= spec.after else { continue }
            if let times = spec.times, position - spec.after >= times { continue }
            rules[index].applied += 1
            chosen = spec
        }
        return chosen
    }
}
