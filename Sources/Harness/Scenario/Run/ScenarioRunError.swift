/// A step that could not be carried out (as opposed to an expectation that did not hold).
package struct ScenarioRunError: Error, CustomStringConvertible, Sendable {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
