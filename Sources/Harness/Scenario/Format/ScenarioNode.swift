import Stubs

/// A value of a scenario file with the path that leads to it, so that every error names the file and field.
/// The readers check types and reject unknown keys: a typo is an error, never a silently ignored expectation.
struct ScenarioNode {
    let value: JSON
    let field: String
    let file: String

    func error(_ message: String) -> ScenarioFormatError {
        ScenarioFormatError(file: file, field: field, message: message)
    }

    func child(_ key: String, _ value: JSON) -> ScenarioNode {
        ScenarioNode(value: value, field: field.isEmpty ? key : "\(field).\(key)", file: file)
    }

    func element(_ index: Int, _ value: JSON) -> ScenarioNode {
        ScenarioNode(value: value, field: "\(field)[\(index)]", file: file)
    }

    /// The node as a mapping whose keys are all in `known`.
    func object(known: Set<String>) throws(ScenarioFormatError) -> ScenarioObject {
        guard let object = value.object else { throw error("must be a mapping") }
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw child(unknown, .null).error("unknown field; known fields: \(known.sorted().joined(separator: ", "))")
        }
        return ScenarioObject(node: self, fields: object)
    }

    func array() throws(ScenarioFormatError) -> [ScenarioNode] {
        guard let array = value.array else { throw error("must be a list") }
        return array.enumerated().map { element($0.offset, $0.element) }
    }

    /// A list, or a single value taken as a list of one.
    func list() -> [ScenarioNode] {
        if let array = value.array { return array.enumerated().map { element($0.offset, $0.element) } }
        return [self]
    }

    func string() throws(ScenarioFormatError) -> String {
        switch value {
        case .string(let text): return text
        case .number, .bool: return value.string ?? (value.bool.map { $0 ? "true" : "false" } ?? "")
        default: throw error("must be a text")
        }
    }

    func integer(_ range: ClosedRange<Int> = 0...1_000_000) throws(ScenarioFormatError) -> Int {
        guard let number = value.number ?? value.string.flatMap(Double.init), number == number.rounded(),
            number >= Double(range.lowerBound), number <= Double(range.upperBound)
        else { throw error("must be an integer in \(range.lowerBound)...\(range.upperBound)") }
        return Int(number)
    }

    func bool() throws(ScenarioFormatError) -> Bool {
        guard let flag = value.bool else { throw error("must be true or false") }
        return flag
    }

    func duration() throws(ScenarioFormatError) -> Double {
        if let number = value.number, number >= 0, number.isFinite { return number }
        guard let text = value.string, let seconds = ScenarioDuration.seconds(text) else {
            throw error("must be a duration such as 500ms, 5s, 2m or 1h (or a number of seconds)")
        }
        return seconds
    }

    func count() throws(ScenarioFormatError) -> CountRule {
        if let number = value.number, number >= 0, number == number.rounded() { return CountRule(.equal, Int(number)) }
        guard let text = value.string, let rule = CountRule(text) else {
            throw error("must be a count: N, or a comparison such as '>= 3', '<= 10', '> 0'")
        }
        return rule
    }
}

/// A mapping of a scenario file, read field by field.
struct ScenarioObject {
    let node: ScenarioNode
    let fields: [String: JSON]

    subscript(_ key: String) -> ScenarioNode? {
        guard let value = fields[key], !value.isNull else { return nil }
        return node.child(key, value)
    }

    func required(_ key: String) throws(ScenarioFormatError) -> ScenarioNode {
        guard let value = self[key] else { throw node.child(key, .null).error("is required") }
        return value
    }

    func string(_ key: String) throws(ScenarioFormatError) -> String? { try self[key]?.string() }
    func integer(_ key: String, _ range: ClosedRange<Int> = 0...1_000_000) throws(ScenarioFormatError) -> Int? {
        try self[key]?.integer(range)
    }
    func bool(_ key: String) throws(ScenarioFormatError) -> Bool? { try self[key]?.bool() }
    func duration(_ key: String) throws(ScenarioFormatError) -> Double? { try self[key]?.duration() }
    func count(_ key: String) throws(ScenarioFormatError) -> CountRule? { try self[key]?.count() }
}
