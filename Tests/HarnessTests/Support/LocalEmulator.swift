import AWSClient
import Emulator
import Foundation
import Harness
import Logging

/// An emulator on 127.0.0.1 at a kernel-chosen port, in memory, for one test body; always shut down.
func withLocalEmulator<Result: Sendable>(
    virtualClock: Bool = false,
    _ body: @Sendable (LocalEmulator) async throws -> Result
) async throws -> Result {
    var logger = Logger(label: "harness-tests")
    logger.logLevel = .critical
    let emulator = try Emulator(
        configuration: EmulatorConfiguration(port: 0, statePath: nil, virtualClock: virtualClock),
        logger: logger
    )
    let server = EmulatorServer(emulator: emulator, logger: logger)
    _ = try await server.start()
    let local = try LocalEmulator(endpoint: server.baseURL)
    do {
        let result = try await body(local)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// The clients a test needs against one emulator.
struct LocalEmulator: Sendable {
    var endpoint: URL
    var sqs: SQSClient
    var admin: AdminClient

    init(endpoint: URL) throws {
        self.endpoint = endpoint
        sqs = try LocalAWS.sqs(endpoint: endpoint.absoluteString)
        admin = AdminClient(endpoint: endpoint)
    }

    func createQueue(_ name: String, attributes: [String: String] = [:]) async throws -> String {
        try await sqs.createQueue(name: name, attributes: attributes, deadline: AWSDeadline.after(.seconds(10)))
    }

    /// A queue with a redrive policy to `dlq` after `maxReceives`; returns (queue URL, DLQ URL).
    func createQueueWithDLQ(_ name: String, dlq: String, maxReceives: Int) async throws -> (String, String) {
        let dlqURL = try await createQueue(dlq)
        let dlqARN = "arn:aws:sqs:us-east-1:000000000000:\(dlq)"
        let url = try await createQueue(
            name,
            attributes: ["RedrivePolicy": #"{"deadLetterTargetArn":"\#(dlqARN)","maxReceiveCount":\#(maxReceives)}"#]
        )
        return (url, dlqURL)
    }

    func receive(_ queueURL: String, visibilityTimeout: Int? = nil) async throws -> [AWSClient.SQSMessage] {
        try await sqs.receiveMessage(
            queueURL: queueURL,
            maxNumberOfMessages: 10,
            visibilityTimeout: visibilityTimeout,
            waitTimeSeconds: 0,
            attributeNames: ["All"],
            messageSystemAttributeNames: ["All"],
            messageAttributeNames: ["All"],
            deadline: AWSDeadline.after(.seconds(10))
        )
    }
}
