import Foundation

/// One HTTP call to the Runtime API, independent of the HTTP library.
public struct RuntimeAPIRequest: Sendable, Equatable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    public var method: Method
    /// The path under the versioned base, for example `/runtime/invocation/next`.
    public var path: String
    public var headers: [String: String]
    public var body: Data?
    /// A long poll (`/next`): the transport must not time it out.
    public var isLongPoll: Bool

    public init(
        method: Method,
        path: String,
        headers: [String: String] = [:],
        body: Data? = nil,
        isLongPoll: Bool = false
    ) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.isLongPoll = isLongPoll
    }
}
