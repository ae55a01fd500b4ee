import AWSClient
import LambdaEvents
import LambdaRuntime
import Logging
import ServiceSupport

/// The producer as Lambda runs it: a Function URL (payload 2.0) event in, an HTTP answer out. Built once per
/// process, so configuration is validated and the HTTP session is opened at start, and secrets are cached.
public struct ProducerLambdaHandler: LambdaHandler {
    public typealias Event = FunctionURLRequest
    public typealias Output = FunctionURLResponse

    let webhook: WebhookHandler

    public init(webhook: WebhookHandler) {
        self.webhook = webhook
    }

    /// Reads the function's environment; any problem is an init error (reported to `/runtime/init/error`).
    /// Fetches the webhook secret now, in Lambda's init phase, so that the first request does not pay for it.
    public init(context: LambdaInitContext, environment: [String: String]) async throws {
        let configuration = try ProducerConfiguration(environment: environment)
        let aws = try AWSConfiguration(environment: environment)
        let transport = URLSessionTransport()
        let secrets = SecretsCache.secretsManager(
            SecretsManagerClient(configuration: aws, transport: transport, logger: context.logger),
            secretName: configuration.secretName
        )
        let queue = SQSWebhookQueue(
            client: SQSClient(configuration: aws, transport: transport, logger: context.logger),
            queueURL: configuration.queueURL
        )
        if configuration.development {
            context.logger.critical(
                "DEVELOPMENT=true: webhook signatures are NOT verified; never set this in production"
            )
        }
        await self.init(
            warmingUp: WebhookHandler(configuration: configuration, secrets: secrets, queue: queue),
            logger: context.logger
        )
    }

    /// The handler for `webhook`, after fetching its secret (before the runtime's first `/next`).
    public init(warmingUp webhook: WebhookHandler, logger: Logger) async {
        await webhook.warmUp(logger: logger)
        self.init(webhook: webhook)
    }

    public func handle(_ event: FunctionURLRequest, context: LambdaContext) async throws -> FunctionURLResponse {
        let request = WebhookRequest(
            method: event.requestContext.http.method,
            headers: event.headers,
            body: event.body ?? "",
            isBase64Encoded: event.isBase64Encoded,
            requestID: context.requestID
        )
        let response = await webhook.handle(
            request,
            invocationDeadline: Deadline(context.deadline),
            logger: context.logger
        )
        return FunctionURLResponse(statusCode: response.statusCode, headers: response.headers, body: response.body)
    }
}
