/// An HTTP request as SigV4 sees it: the parts that are signed, exactly as they travel on the wire.
///
/// `path` is the percent-encoded path of the request line (no query), `query` the raw query string without
/// the `?`. Header names keep the caller's spelling; canonicalisation lower-cases them. A header may repeat.
public struct SignableRequest: Sendable, Equatable {
    public var method: String
    public var path: String
    public var query: String
    public var headers: [Header]
    public var body: [UInt8]

    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(method: String, path: String, query: String = "", headers: [Header] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The values of every header called `name` (case-insensitive), in the order they appear.
    public func values(of name: String) -> [String] {
        headers.filter { ASCII.equalsIgnoringCase($0.name, name) }.map(\.value)
    }

    /// The first value of the header called `name` (case-insensitive).
    public func value(of name: String) -> String? {
        headers.first { ASCII.equalsIgnoringCase($0.name, name) }?.value
    }

    /// Replaces every header called `name` with one header of that value.
    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { ASCII.equalsIgnoringCase($0.name, name) }
        headers.append(Header(name, value))
    }
}
