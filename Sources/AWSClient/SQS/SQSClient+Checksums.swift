extension SQSClient {
    /// Checks the digests SQS returned for a message we sent: the body's always, the attributes' and the system
    /// attributes' when some were sent.
    static func verifySent(
        body: String,
        attributes: [String: SQSMessageAttributeValue],
        systemAttributes: [String: SQSMessageAttributeValue] = [:],
        md5OfBody: String,
        md5OfAttributes: String?,
        md5OfSystemAttributes: String? = nil,
        what: String
    ) throws(AWSClientError) {
        let expectedBody = SQSChecksum.body(body)
        guard md5OfBody.lowercased() == expectedBody else {
            throw AWSClientError(
                .checksumMismatch,
                "\(what): MD5OfMessageBody '\(md5OfBody)' does not match the body sent (MD5 \(expectedBody))"
            )
        }
        try verifySentAttributes(attributes, returned: md5OfAttributes, field: "MD5OfMessageAttributes", what: what)
        try verifySentAttributes(
            systemAttributes,
            returned: md5OfSystemAttributes,
            field: "MD5OfMessageSystemAttributes",
            what: what
        )
    }

    private static func verifySentAttributes(
        _ attributes: [String: SQSMessageAttributeValue],
        returned: String?,
        field: String,
        what: String
    ) throws(AWSClientError) {
        guard let expected = SQSChecksum.attributes(attributes) else { return }
        guard let returned else {
            throw AWSClientError(.checksumMismatch, "\(what): attributes were sent but SQS returned no \(field)")
        }
        guard returned.lowercased() == expected else {
            throw AWSClientError(
                .checksumMismatch,
                "\(what): \(field) '\(returned)' does not match the attributes sent (MD5 \(expected))"
            )
        }
    }

    /// Checks the digests of a message SQS delivered.
    static func verifyReceived(_ message: SQSMessage) throws(AWSClientError) {
        let expectedBody = SQSChecksum.body(message.body)
        guard message.md5OfBody.lowercased() == expectedBody else {
            throw AWSClientError(
                .checksumMismatch,
                "sqs ReceiveMessage: message \(message.messageID) has MD5OfBody '\(message.md5OfBody)' but its body's MD5 is \(expectedBody)"
            )
        }
        if let expectedAttributes = SQSChecksum.attributes(message.messageAttributes) {
            guard let md5 = message.md5OfMessageAttributes, md5.lowercased() == expectedAttributes else {
                throw AWSClientError(
                    .checksumMismatch,
                    "sqs ReceiveMessage: message \(message.messageID) has MD5OfMessageAttributes '\(message.md5OfMessageAttributes ?? "none")' but its attributes' MD5 is \(expectedAttributes)"
                )
            }
        }
    }
}
