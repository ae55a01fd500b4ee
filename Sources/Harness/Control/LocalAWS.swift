import AWSClient
import AWSSigV4
import Foundation
import Logging

/// AWS clients aimed at the local stack's endpoint with its test credentials — never at real AWS, whatever
/// the shell's `AWS_*` variables say.
package enum LocalAWS {
    /// `endpoint` is the emulator (`http://127.0.0.1:4566`); `credentials` is `ACCESS_KEY:SECRET`.
    package static func sqs(
        endpoint: String,
        credentials: String = "test:test",
        region: String = "us-east-1",
        transport: any HTTPTransport = URLSessionTransport(),
        logger: Logger = Logger(label: "devstack")
    ) throws -> SQSClient {
        let parts = credentials.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw AdminClientError(.failed, "credentials must be ACCESS_KEY:SECRET, e.g. test:test")
        }
        guard let url = URL(string: endpoint), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw AdminClientError(
                .unreachable,
                "the endpoint '\(endpoint)' is not an http:// URL such as http://127.0.0.1:4566"
            )
        }
        let configuration = AWSConfiguration(
            credentials: AWSCredentials(accessKeyID: parts[0], secretAccessKey: parts[1]),
            region: region,
            endpointOverrides: [.sqs: url]
        )
        return SQSClient(configuration: configuration, transport: transport, logger: logger)
    }
}
