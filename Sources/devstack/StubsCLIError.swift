/// A runtime failure of the stub verbs (`calls`, `send`), printed as `Error: …` without the usage text that
/// argument-parser adds to validation errors.
struct StubsCLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
