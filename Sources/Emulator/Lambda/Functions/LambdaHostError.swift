/// Failures of the emulator's Lambda machinery itself (not of a function).
package struct LambdaHostError: Error, Sendable, CustomStringConvertible {
    package enum Code: Sendable, Equatable {
        case runtimeAPIUnavailable
        case launchFailed
        case shutDown
    }

    package var code: Code
    package var detail: String

    package init(_ code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }

    package var description: String { "\(code): \(detail)" }
}
