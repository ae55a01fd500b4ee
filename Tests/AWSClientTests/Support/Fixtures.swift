import AWSClient
import AWSSigV4
import Foundation
import Logging

enum Fixtures {
    static let environment = [
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "AWS_REGION": "us-east-1",
    ]

    static let queueURL = "https://sqs.us-east-1.amazonaws.com/123456789012/sentry-webhooks"

    /// 2015-08-30T12:36:00Z, the date of AWS's published SigV4 examples.
    static let signingDate = Date(timeIntervalSince1970: 1_440_938_160)

    static var logger: Logger {
        var logger = Logger(label: "aws-client-tests")
        logger.logLevel = .critical
        return logger
    }

    static func configuration(_ extra: [String: String] = [:]) throws -> AWSConfiguration {
        try AWSConfiguration(environment: environment.merging(extra) { _, new in new })
    }

    /// Options with pinned time sources: jitter 1 (the full backoff), the fixed signing date.
    static func options(
        clock: FakeClock,
        jitter: Double = 1,
        attemptTimeout: Duration = .seconds(10)
    )
        -> AWSClientOptions
    {
        AWSClientOptions(
            retry: AWSRetryStrategy(jitter: { jitter }),
            attemptTimeout: attemptTimeout,
            clock: clock,
            wallClock: { signingDate }
        )
    }

    static func sqs(
        _ transport: any HTTPTransport,
        clock: FakeClock,
        configuration: AWSConfiguration? = nil,
        jitter: Double = 1,
        attemptTimeout: Duration = .seconds(10)
    ) throws -> SQSClient {
        SQSClient(
            configuration: try configuration ?? Self.configuration(),
            transport: transport,
            logger: logger,
            options: options(clock: clock, jitter: jitter, attemptTimeout: attemptTimeout)
        )
    }

    /// The body of a request as a JSON object.
    static func jsonObject(_ bytes: [UInt8]) throws -> [String: Any] {
        try (JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]) ?? [:]
    }

    /// Checks the request's signature as AWS would, with the verifier the emulator uses.
    static func verifySignature(_ request: AWSHTTPRequest, now: Date = signingDate) throws -> SigV4Authorization {
        let verifier = SigV4Verifier { key in
            key == environment["AWS_ACCESS_KEY_ID"] ? environment["AWS_SECRET_ACCESS_KEY"] : nil
        }
        let signable = SignableRequest(
            method: request.method,
            path: request.url.path.isEmpty ? "/" : request.url.path,
            query: request.url.query ?? "",
            headers: request.headers.map { SignableRequest.Header($0.name, $0.value) },
            body: request.body
        )
        return try verifier.verify(signable, now: now)
    }
}
