/// No response arrived: the caller treats it as transient.
public struct APITransportError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Equatable { case timedOut, connectionFailed, cancelled, other }
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "transport error (\(code)): \(message)" }
}
