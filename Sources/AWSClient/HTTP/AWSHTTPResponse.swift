/// An HTTP response: status, headers (names lower-cased; a repeated header keeps its first value) and body.
public struct AWSHTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(
            headers.map { ($0.key.lowercased(), $0.value) },
            uniquingKeysWith: { first, _ in first }
        )
        self.body = body
    }

    /// The header called `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
