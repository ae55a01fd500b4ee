extension SQSClient {
    /// Checks the digests SQS returned for a message we sent.
    static func verifySent(
        body: String, attributes: [String: SQSMessageAttributeValue], md5OfBody: String, md5OfAttributes: String?,
        what: String
    ) throws(AWSClientError) {
        let expectedBody = SQSChecksum.body(body)
        guard md5OfBody.lowercased() == expectedBody else {
            throw AWSClientError(
                .checksumMismatch,
                "\(what): MD5OfMessageBody '\(md5OfBody)' does not match the body sent (MD5 \(expectedBody))")
        }
        if let expectedAttributes = SQSChecksum.attributes(attributes) {
            guard let md5OfAttributes else {
                throw AWSClientError(
                    .checksumMismatch,
                    "\(what): message attributes were sent but SQS returned no MD5OfMessageAttributes")
            }
            guard md5OfAttributes.lowercased() == expectedAttributes else {
                throw AWSClientError(
                    .checksumMismatch,
                    "\(what): MD5OfMessageAttributes '\(md5OfAttributes)' does not match the attributes sent (MD5 \(expectedAttributes))"
                )
            }
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
