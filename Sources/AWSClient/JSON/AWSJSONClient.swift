import AWSSigV4
import Foundation
import Logging
import Synchronization

/// The AWS JSON protocol (1.0 and 1.1): every operation is `POST /` with `X-Amz-Target: <prefix>.<Operation>`, a
/// JSON body, SigV4 signing, and JSON errors. `SQSClient` and `SecretsManagerClient` are thin layers over it.
///
/// Each call is bounded by the caller's `deadline`: attempts are retried as `AWSRetryStrategy` says, but no
/// attempt runs and no backoff sleeps past the deadline.
public struct AWSJSONClient: Sendable {
    public var service: AWSService
    /// `1.0` (SQS) or `1.1` (Secrets Manager).
    public var jsonVersion: String
    /// `AmazonSQS`, `secretsmanager`.
    public var targetPrefix: String
    public var endpoint: URL
    public var signer: SigV4Signer
    public var options: AWSClientOptions
    public let transport: any HTTPTransport
    public var logger: Logger
    private let quota: RetryQuotaBox

    public init(
        service: AWSService,
        jsonVersion: String,
        targetPrefix: String,
        configuration: AWSConfiguration,
        transport: any HTTPTransport,
        logger: Logger,
        options: AWSClientOptions = AWSClientOptions()
    ) {
        self.service = service
        self.jsonVersion = jsonVersion
        self.targetPrefix = targetPrefix
        endpoint = configuration.endpoint(for: service)
        signer = SigV4Signer(
            credentials: configuration.credentials,
            region: configuration.region,
            service: service.signingName
        )
        self.options = options
        self.transport = transport
        self.logger = logger
        quota = RetryQuotaBox()
    }

    /// The tokens left in this client's retry quota (see `AWSRetryQuota`).
    public var retryQuotaAvailable: Int { quota.value.withLock { $0.available } }

    // MARK: Calls

    /// Calls `operation` with `input` and decodes its output.
    ///
    /// - Throws: `AWSServiceError` (the service said no), `HTTPTransportError` (no answer), `AWSClientError`
    ///   (deadline passed, unusable answer), `CancellationError`.
    public func call<Input: Encodable, Output: Decodable>(
        _ operation: String,
        _ input: Input,
        output: Output.Type = Output.self,
        deadline: ContinuousClock.Instant,
        extraAttemptTime: Duration = .zero
    ) async throws -> Output {
        let body = try encode(input, operation: operation)
        let response = try await send(
            operation,
            body: body,
            deadline: deadline,
            extraAttemptTime: extraAttemptTime
        )
        return try decode(Output.self, from: response, operation: operation)
    }

    /// The signed HTTP request of one attempt. Exposed for tests and for tools that print requests.
    public func request(_ operation: String, body: [UInt8], attempt: Int, date: Date) -> AWSHTTPRequest {
        var signable = SignableRequest(
            method: "POST",
            path: endpoint.path.isEmpty ? "/" : endpoint.path,
            headers: [
                SignableRequest.Header("Host", Self.hostHeader(endpoint)),
                SignableRequest.Header("Content-Type", "application/x-amz-json-\(jsonVersion)"),
                SignableRequest.Header("X-Amz-Target", "\(targetPrefix).\(operation)"),
                SignableRequest.Header("amz-sdk-request", "attempt=\(attempt); max=\(options.retry.maxAttempts)"),
            ],
            body: body
        )
        signer.sign(&signable, date: date)
        var headers = signable.headers.map { (name: $0.name, value: $0.value) }
        headers.append((name: "User-Agent", value: options.userAgent))
        var url = endpoint
        if url.path.isEmpty { url = URL(string: url.absoluteString + "/") ?? url }
        return AWSHTTPRequest(method: "POST", url: url, headers: headers, body: body)
    }

    /// `host` or `host:port` when the port is not the scheme's default, as HTTP clients send it.
    static func hostHeader(_ url: URL) -> String {
        var host = url.host ?? ""
        if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }
        guard let port = url.port else { return host }
        let scheme = url.scheme?.lowercased()
        if (scheme == "https" && port == 443) || (scheme == "http" && port == 80) { return host }
        return "\(host):\(port)"
    }

    // MARK: The retry loop

    func send(
        _ operation: String,
        body: [UInt8],
        deadline: ContinuousClock.Instant,
        extraAttemptTime: Duration
    ) async throws -> AWSHTTPResponse {
        let strategy = options.retry
        let clock = options.clock
        var spent = 0
        var lastError: (any Error)?
        for attempt in 1...strategy.maxAttempts {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { throw deadlineExceeded(operation, attempt: attempt, lastError: lastError) }
            let timeout = min(options.attemptTimeout + extraAttemptTime, remaining)
            let request = request(operation, body: body, attempt: attempt, date: options.wallClock())
            logger.trace(
                "AWS request",
                metadata: ["aws.operation": "\(operation)", "aws.attempt": "\(attempt)"]
            )
            let error: any Error
            do {
                let response = try await transport.send(request, timeout: timeout)
                if (200..<300).contains(response.status) {
                    quota.value.withLock { $0.recordSuccess(spent: spent) }
                    return response
                }
                error = responseError(response, operation: operation)
            } catch let transportError as HTTPTransportError {
                error = transportError
            }
            lastError = error
            guard Self.isRetryable(error), attempt < strategy.maxAttempts else {
                logger.debug(
                    "AWS request failed",
                    metadata: [
                        "aws.operation": "\(operation)", "aws.attempt": "\(attempt)",
                        "aws.error": "\(Self.summary(error))", "aws.request_id": "\(Self.requestID(of: error) ?? "-")",
                    ]
                )
                throw error
            }
            let isTimeout = (error as? HTTPTransportError)?.code == .timeout
            guard let cost = quota.value.withLock({ $0.acquireRetry(afterTimeout: isTimeout) }) else {
                logger.debug(
                    "AWS retry quota exhausted",
                    metadata: ["aws.operation": "\(operation)", "aws.attempt": "\(attempt)"]
                )
                throw error
            }
            spent += cost
            let delay = strategy.backoff(afterAttempt: attempt)
            let wakeUp = clock.now.advanced(by: delay)
            guard wakeUp < deadline else { throw deadlineExceeded(operation, attempt: attempt + 1, lastError: error) }
            logger.debug(
                "AWS request failed, retrying",
                metadata: [
                    "aws.operation": "\(operation)", "aws.attempt": "\(attempt)", "aws.backoff": "\(delay)",
                    "aws.error": "\(Self.summary(error))", "aws.request_id": "\(Self.requestID(of: error) ?? "-")",
                ]
            )
            try await clock.sleep(until: wakeUp)
        }
        // The loop returns or throws on its last attempt.
        throw lastError ?? deadlineExceeded(operation, attempt: strategy.maxAttempts, lastError: nil)
    }

    static func isRetryable(_ error: any Error) -> Bool {
        switch error {
        case let error as AWSServiceError: error.isRetryable
        case let error as HTTPTransportError: error.isRetryable
        case let error as AWSClientError: error.isRetryable
        default: false
        }
    }

    /// The `x-amzn-RequestId` an error carries, for logs.
    static func requestID(of error: any Error) -> String? {
        switch error {
        case let error as AWSServiceError: error.requestID
        case let error as AWSClientError: error.requestID
        default: nil
        }
    }

    /// A short, secret-free summary for logs.
    static func summary(_ error: any Error) -> String {
        switch error {
        case let error as AWSServiceError: "\(error.code.rawValue) HTTP \(error.statusCode)"
        case let error as HTTPTransportError: "transport \(error.code)"
        case let error as AWSClientError: "client \(error.code) HTTP \(error.statusCode.map(String.init) ?? "-")"
        default: "\(type(of: error))"
        }
    }

    private func deadlineExceeded(_ operation: String, attempt: Int, lastError: (any Error)?) -> AWSClientError {
        AWSClientError(
            .deadlineExceeded,
            "\(service.signingName) \(operation): the deadline passed before attempt \(attempt) could run",
            underlying: lastError
        )
    }

    // MARK: Encoding and decoding

    private func encode(_ input: some Encodable, operation: String) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dataEncodingStrategy = .base64
        encoder.dateEncodingStrategy = .secondsSince1970
        do {
            return Array(try encoder.encode(input))
        } catch {
            throw AWSClientError(
                .invalidRequest,
                "\(service.signingName) \(operation): the input could not be encoded as JSON",
                underlying: error
            )
        }
    }

    private func decode<Output: Decodable>(
        _ type: Output.Type,
        from response: AWSHTTPResponse,
        operation: String
    ) throws -> Output {
        let decoder = JSONDecoder()
        decoder.dataDecodingStrategy = .base64
        decoder.dateDecodingStrategy = .secondsSince1970
        let body = response.body.allSatisfy(Self.isJSONWhitespace) ? Array("{}".utf8) : response.body
        do {
            return try decoder.decode(Output.self, from: Data(body))
        } catch {
            throw AWSClientError(
                .invalidResponse,
                "\(service.signingName) \(operation): the \(response.body.count)-byte response is not the expected JSON (\(Self.describe(error)))",
                statusCode: response.status,
                requestID: response.header("x-amzn-RequestId"),
                underlying: error
            )
        }
    }

    private func responseError(_ response: AWSHTTPResponse, operation: String) -> any Error {
        if let error = AWSServiceError.from(response) { return error }
        let preview = String(decoding: response.body.prefix(200), as: UTF8.self)
        return AWSClientError(
            .unexpectedResponse,
            "\(service.signingName) \(operation): HTTP \(response.status) without an AWS error body: '\(preview)'",
            statusCode: response.status,
            requestID: response.header("x-amzn-RequestId")
        )
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "missing '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty
                ? "malformed or truncated JSON"
                : "bad value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        default: "\(error)"
        }
    }
}

/// The retry quota shared by the copies of one client (the client is a value type; the bucket is not).
private final class RetryQuotaBox: Sendable {
    let value = Mutex(AWSRetryQuota())
}
