/// A scenario file that cannot be run: which file, which field (a path such as `steps[2].send.count`) and what is
/// wrong with it. Nothing of the file runs when it is malformed.
package struct ScenarioFormatError: Error, CustomStringConvertible, Sendable, Equatable {
    package var file: String
    package var field: String
    package var message: String

    package init(file: String, field: String, message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    package var description: String {
        field.isEmpty ? "\(file): \(message)" : "\(file): \(field): \(message)"
    }
}
