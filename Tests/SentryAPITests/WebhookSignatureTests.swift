import Foundation
import SentryAPI
import Testing

@Suite struct WebhookSignatureTests {
    @Test func theOriginalServiceVectorMatches() {
        let signature = WebhookSignature.compute(body: Array("Hello World".utf8), secret: "Some Private Key")
        #expect(signature == "64634bbddfd3a1bb0d6360839371aa12ea16d785c7f94bb6f2eac7ed5f3d235c")
        #expect(
            WebhookSignature.isValid(signature: signature, body: Array("Hello World".utf8), secret: "Some Private Key")
        )
    }

    @Test func upperCaseHexIsAccepted() {
        let upper = "64634BBDDFD3A1BB0D6360839371AA12EA16D785C7F94BB6F2EAC7ED5F3D235C"
        #expect(WebhookSignature.isValid(signature: upper, body: Array("Hello World".utf8), secret: "Some Private Key"))
    }

    @Test(arguments: [
        ("", "empty"),
        ("64634bbddfd3a1bb0d6360839371aa12ea16d785c7f94bb6f2eac7ed5f3d235d", "last digit changed"),
        ("64634bbddfd3a1bb0d6360839371aa12", "truncated"),
        ("zz634bbddfd3a1bb0d6360839371aa12ea16d785c7f94bb6f2eac7ed5f3d235c", "not hex"),
    ])
    func wrongSignaturesAreRejected(signature: String, why: String) {
        #expect(
            !WebhookSignature.isValid(
                signature: signature,
                body: Array("Hello World".utf8),
                secret: "Some Private Key"
            ),
            "\(why) must not verify"
        )
    }

    @Test func theSignatureCoversTheRawBytesNotReserialisedJSON() {
        let compact = Array(#"{"a":1,"b":2}"#.utf8)
        let spaced = Array(#"{"a": 1, "b": 2}"#.utf8)
        let signature = WebhookSignature.compute(body: compact, secret: "k")
        #expect(WebhookSignature.isValid(signature: signature, body: compact, secret: "k"))
        #expect(!WebhookSignature.isValid(signature: signature, body: spaced, secret: "k"))
    }
}
