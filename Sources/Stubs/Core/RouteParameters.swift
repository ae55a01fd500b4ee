/// The `{name}` segments and the `**` rest a `StubRoutes` pattern bound, percent-decoded.
package struct RouteParameters: Sendable, Equatable {
    package var values: [String: String]
    /// The segments a final `**` matched (empty when the pattern has none).
    package var rest: [String]

    package init(values: [String: String] = [:], rest: [String] = []) {
        self.values = values
        self.rest = rest
    }

    /// The segment bound to `{name}`; a pattern without that name is a programming error.
    package subscript(_ name: String) -> String {
        guard let value = values[name] else { preconditionFailure("the route has no parameter {\(name)}") }
        return value
    }
}
