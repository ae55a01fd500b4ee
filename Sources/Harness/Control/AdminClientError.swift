import Foundation

/// Why a call to the emulator's control API (`/_devstack/…`) failed.
package struct AdminClientError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: String, Sendable, Equatable {
        /// Nothing answered at the endpoint (not started, wrong port).
        case unreachable
        /// The endpoint answered 404: this emulator does not have that route (an older build) or no such item.
        case notFound
        /// Another non-2xx answer; `message` carries the emulator's `error`.
        case failed
        /// A 2xx answer that is not the JSON expected.
        case invalidResponse
    }

    package var code: Code
    package var message: String
    package var status: Int?

    package init(_ code: Code, _ message: String, status: Int? = nil) {
        self.code = code
        self.message = message
        self.status = status
    }

    package var description: String { message }
}
