import Foundation

/// Fills the `{{…}}` placeholders of a stack's environment values once the stack's addresses are known.
///
/// `{{aws_endpoint}}`, `{{asana_url}}`, `{{sentry_url}}`, `{{webhook_url}}` and `{{queue_url:NAME}}`; an
/// unknown placeholder is an error, never an empty string, so a typo cannot send the consumer to nowhere.
public struct TemplateValues: Sendable {
    public var values: [String: String]
    public var queueURL: @Sendable (String) -> String?

    public init(values: [String: String], queueURL: @escaping @Sendable (String) -> String?) {
        self.values = values
        self.queueURL = queueURL
    }

    public func fill(_ text: String) throws(TopologyError) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw TopologyError(.unknownPlaceholder, "unclosed '{{' in '\(text)'")
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: " ")
            if name.hasPrefix("queue_url:") {
                let queue = String(name.dropFirst("queue_url:".count))
                guard let url = queueURL(queue) else {
                    throw TopologyError(.unknownPlaceholder, "'{{\(name)}}' names a queue that is not declared")
                }
                output += url
            } else if let value = values[name] {
                output += value
            } else {
                throw TopologyError(
                    .unknownPlaceholder,
                    "unknown placeholder '{{\(name)}}' (known: \(values.keys.sorted().joined(separator: ", ")), queue_url:NAME)"
                )
            }
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    /// A function's environment with every placeholder filled.
    public func environment(of function: FunctionDefinition) throws(TopologyError) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in function.environment {
            result[key] = try fill(value)
        }
        return result
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
