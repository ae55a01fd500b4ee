import Foundation

/// An answer of the Lambda API, ready for the server's router to send.
package struct LambdaHTTPResponse: Sendable, Equatable {
    package var status: Int
    package var headers: [String: String]
    package var body: Data

    package init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func json(_ object: Any, status: Int = 200, headers: [String: String] = [:]) -> LambdaHTTPResponse {
        var headers = headers
        headers["Content-Type"] = "application/json"
        let body =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return LambdaHTTPResponse(status: status, headers: headers, body: body)
    }
}

extension LambdaHTTPResponse {
    /// The same answer as the emulator's response type.
    package var asEmulatorResponse: EmulatorResponse {
        EmulatorResponse(
            status: status,
            headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            body: Array(body)
        )
    }
}
