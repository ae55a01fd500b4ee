/// A fixture a test asked for is not where `FixtureLoader` looked; `path` says where that was.
public struct FixtureError: Error, CustomStringConvertible {
    public enum Code: Sendable { case missingFile }

    public var code: Code
    public var path: String

    public init(_ code: Code, path: String) {
        self.code = code
        self.path = path
    }

    public var description: String {
        switch code {
        case .missingFile: "no fixture file at \(path)"
        }
    }
}
