/// An error answer in Asana's shape: `{"errors": [{"message": …, "help": …}]}`, with `phrase` instead of `help`
/// on 500 (Asana's support phrase).
package struct AsanaStubError: Error, Sendable, CustomStringConvertible {
    package var status: Int
    package var message: String

    package init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    package var description: String { "\(status) \(message)" }

    static let help =
        "For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors"

    package var response: StubResponse {
        var error: [String: JSON] = ["message": .string(message)]
        if status >= 500 {
            error["phrase"] = .string(AsanaStubError.phrase(for: message))
        } else {
            error["help"] = .string(AsanaStubError.help)
        }
        var response = StubResponse.json(status, ["errors": [.object(error)]])
        if status == 429, response.header("Retry-After") == nil { response.setHeader("Retry-After", "30") }
        return response
    }

    static func notAuthorized() -> AsanaStubError { AsanaStubError(401, "Not Authorized") }
    static func noRoute() -> AsanaStubError { AsanaStubError(404, "No matching route for request") }
    static func unknown(_ type: String, _ gid: String) -> AsanaStubError {
        AsanaStubError(404, "\(type): Unknown object: \(gid)")
    }
    static func missing(_ field: String) -> AsanaStubError { AsanaStubError(400, "\(field): Missing input") }
    static func tooManyRequests() -> AsanaStubError {
        AsanaStubError(429, "You have made too many requests recently. Please, be chill.")
    }

    /// Asana's 500 answers carry a short random phrase to quote to support; ours is derived from the message so
    /// answers stay reproducible.
    static func phrase(for message: String) -> String {
        let count = ["6", "7", "8", "9", "10", "11"]
        let adjectives = ["sad", "sleepy", "grumpy", "shiny", "brave", "quiet"]
        let nouns = ["squid", "koalas", "otters", "lemurs", "moths", "pandas"]
        let verbs = ["snuggle", "wander", "juggle", "hum", "tumble", "nap"]
        let adverbs = ["softly", "loudly", "quickly", "gently", "boldly", "often"]
        var hash: UInt64 = 1_469_598_103_934_665_603
        for byte in message.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        func pick(_ words: [String], _ shift: UInt64) -> String { words[Int((hash >> shift) % UInt64(words.count))] }
        return [pick(count, 0), pick(adjectives, 8), pick(nouns, 16), pick(verbs, 24), pick(adverbs, 32)]
            .joined(separator: " ")
    }
}
