import Foundation

/// What loading a stack produced: the addresses a person, a script or a test needs.
package struct LoadedStack: Sendable, Equatable {
    /// The emulator's endpoint (`{{aws_endpoint}}`).
    package var awsEndpoint: String
    /// Every queue's URL by name.
    package var queueURLs: [String: String]
    /// Every running Function URL by function name.
    package var functionURLs: [String: String]
    /// The first Function URL of the stack (the webhook Sentry calls), if any.
    package var webhookURL: String?
    /// Event source mapping UUIDs by `FUNCTION→QUEUE`.
    package var mappingUUIDs: [String: String]

    /// The ready line of `devstack emulator --stack … --json`:
    /// `{"aws_endpoint":…,"webhook_url":…,"function_urls":{…}}` (keys sorted, slashes unescaped).
    package var readyLine: String {
        let object: [String: Any] = [
            "aws_endpoint": awsEndpoint, "webhook_url": webhookURL as Any? ?? NSNull(), "function_urls": functionURLs,
        ]
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
