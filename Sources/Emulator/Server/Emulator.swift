import AWSSigV4
import Foundation
import LocalAccess
import Logging
import Synchronization
import Topology

/// The emulator's core: every emulated service over one state, one clock and one store, answering requests
/// independently of the HTTP server (`EmulatorServer` puts it on a socket; tests may call `respond` directly).
/// It owns the Lambda side too (functions, mappings over its own SQS, Function URLs) and can load a whole
/// stack file (`loadStack`).
package final class Emulator: Sendable {
    package let configuration: EmulatorConfiguration
    package let clock: any EmulatorClock
    package let notifier: ChangeNotifier
    package let sqs: SQSService
    package let secrets: SecretsManagerService
    package let lambda: LambdaService
    /// The stack loaded into this emulator and the `Host` its queue URLs were built for.
    let loaded = Mutex<(stack: StackTopology, host: String)?>(nil)
    /// Where the dashboard finds the webhook and the stubs (set by `loadStack`).
    let dashboardLinks = Mutex(DashboardLinks())
    let store: any EmulatorStore
    let logger: Logger
    let verifier: SigV4Verifier

    package init(configuration: EmulatorConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        let notifier = ChangeNotifier()
        self.notifier = notifier
        if configuration.virtualClock {
            let virtual = VirtualEmulatorClock()
            virtual.whenAdvanced { notifier.notify() }
            clock = virtual
        } else {
            clock = SystemEmulatorClock()
        }
        if let path = configuration.statePath {
            store = try SQLiteEmulatorStore(path: path)
        } else {
            store = InMemoryEmulatorStore()
        }
        sqs = SQSService(
            store: store,
            clock: clock,
            notifier: notifier,
            accountID: configuration.accountID,
            region: configuration.region,
            logger: logger
        )
        let credentials = configuration.credentials
        verifier = SigV4Verifier { credentials[$0] }
        let functionKey = credentials.keys.sorted().first ?? "test"
        lambda = LambdaService(
            sqs: sqs,
            clock: EmulatorLambdaClock(clock),
            region: configuration.region,
            accountID: configuration.accountID,
            environment: LambdaEnvironment(
                accessKeyID: functionKey,
                secretAccessKey: credentials[functionKey] ?? "test"
            ),
            logger: logger
        )
        secrets = SecretsManagerService(
            store: store,
            clock: clock,
            accountID: configuration.accountID,
            region: configuration.region,
            rotationInvoker: LambdaSecretRotationInvoker(registry: lambda.functions)
        )
        let snapshot = try store.load()
        sqs.restore(snapshot)
        secrets.restore(snapshot)
    }

    /// The stack `loadStack` loaded, if any (its alarms, functions and queues as declared).
    package var stack: StackTopology? { loaded.withLock { $0?.stack } }

    /// Drops all state, in memory and on disk, and the Lambda journal and logs; when a stack was loaded its
    /// queues and secrets are created again (empty), so its functions and mappings keep working.
    package func reset() async throws {
        try store.apply([.reset])
        sqs.reset()
        secrets.reset()
        sqs.events.reset()
        lambda.clearRecords()
        notifier.notify()
        if let (stack, host) = loaded.withLock({ $0 }) {
            _ = try await applyResources(stack, host: host)
        }
    }

    /// Stops the Lambda side (mappings, every instance by PID, Function URL listeners) and the message move
    /// drivers (stored as they are: a restart on the same state resumes them).
    package func shutdown() async {
        secrets.stopRotations()
        await lambda.shutdown()
        sqs.stopMoveTasks()
    }

    // MARK: Answering

    package func respond(_ request: EmulatorRequest) async -> EmulatorResponse {
        if request.path.hasPrefix("/_devstack/") || request.path == "/_devstack" {
            if let refusal = configuration.controlAccess.refusal(
                method: request.method,
                host: request.header("host"),
                origin: request.header("origin")
            ) {
                return .json(["error": "Forbidden", "message": refusal], status: 403)
            }
            return await AdminAPI(emulator: self).respond(request)
        }
        if LambdaService.handles(path: request.path) {
            return await respondLambda(request)
        }
        let requestID = UUID().lowercasedString
        switch WireProtocol(request) {
        case .json(let target): return await respondJSON(request, target: target, requestID: requestID)
        case .query: return await respondQuery(request, requestID: requestID)
        case .refused(let error): return EmulatedService.sqs.jsonError(error, requestID: requestID)
        }
    }

    /// Which service a JSON request's `X-Amz-Target` names.
    static func jsonService(_ target: String) -> (EmulatedService, String)? {
        guard let dot = target.lastIndex(of: ".") else { return nil }
        let prefix = String(target[..<dot])
        let operation = String(target[target.index(after: dot)...])
        switch prefix {
        case "AmazonSQS": return (.sqs, operation)
        case "secretsmanager": return (.secretsManager, operation)
        case "AWSSecurityTokenServiceV20110615": return (.sts, operation)
        default: return nil
        }
    }

    func respondJSON(_ request: EmulatorRequest, target: String, requestID: String) async -> EmulatorResponse {
        guard let (service, operation) = Self.jsonService(target) else {
            return EmulatedService.secretsManager.jsonError(AWSError.unknownOperation(target), requestID: requestID)
        }
        do throws(AWSError) {
            let caller = try authenticate(request, service: service)
            let input = try JSONInput(body: request.body)
            let output: [String: Any]
            switch service {
            case .sqs: output = try await sqs.handle(operation, input, caller: caller)
            case .secretsManager: output = try await secrets.respond(operation, input)
            case .sts: output = try STSService.handle(operation, caller: caller, accountID: configuration.accountID)
            }
            return EmulatorResponse(
                status: 200,
                headers: [("Content-Type", service.jsonContentType), ("x-amzn-RequestId", requestID)],
                body: JSONOutput.encode(output)
            )
        } catch {
            return service.jsonError(error, requestID: requestID)
        }
    }

    func respondQuery(_ request: EmulatorRequest, requestID: String) async -> EmulatorResponse {
        var parameters: [String: String]
        do throws(AWSError) {
            parameters = try FormParameters.parse(request.query)
            let contentType = request.header("content-type")?.lowercased() ?? ""
            if request.method == "POST",
                contentType.hasPrefix("application/x-www-form-urlencoded") || contentType.isEmpty
            {
                guard let text = String(validating: request.body, as: UTF8.self) else {
                    throw AWSError.malformedInput("The request body is not valid UTF-8.")
                }
                parameters.merge(try FormParameters.parse(text)) { _, body in body }
            }
        } catch {
            return EmulatedService.sqs.queryError(error, requestID: requestID)
        }
        let scope = request.header("authorization").flatMap { try? SigV4Authorization(header: $0) }
        let action = parameters["Action"] ?? ""
        let service: EmulatedService =
            switch scope?.service {
            case "sts": .sts
            case "sqs": .sqs
            default: action == "GetCallerIdentity" ? .sts : .sqs
            }
        guard !action.isEmpty else {
            return service.queryError(
                AWSError("MissingAction", "Missing Action parameter; the request must name an action."),
                requestID: requestID
            )
        }
        do throws(AWSError) {
            let caller = try authenticate(request, service: service)
            switch service {
            case .sts:
                let output = try STSService.handle(action, caller: caller, accountID: configuration.accountID)
                return Self.xml(STSService.queryResponse(action: action, output: output, requestID: requestID))
            case .sqs, .secretsManager:
                var input = try SQSQueryProtocol.input(parameters)
                if !input.has("QueueUrl"), request.path.split(separator: "/").count == 2 {
                    input.fields["QueueUrl"] = "http://\(request.host)\(request.path)"
                }
                let output = try await sqs.handle(action, input, caller: caller)
                return Self.xml(SQSQueryProtocol.response(action: action, output: output, requestID: requestID))
            }
        } catch {
            return service.queryError(error, requestID: requestID)
        }
    }

    static func xml(_ text: String) -> EmulatorResponse {
        EmulatorResponse(status: 200, headers: [("Content-Type", "text/xml")], body: Array(text.utf8))
    }

    // MARK: Signatures

    /// Checks the request's SigV4 signature (unless `--accept-any-signature`) and maps a refusal onto the
    /// service's own error.
    func authenticate(_ request: EmulatorRequest, service: EmulatedService) throws(AWSError) -> CallerContext {
        do {
            return try verifySignature(request, service: service.signingName)
        } catch {
            throw service.authError(error)
        }
    }

    /// The signature check itself, its refusal not yet in any service's words. The credential scope must name
    /// `service` (its signing name) and the emulator's region (or us-east-1 for STS, whose global endpoint
    /// signs there).
    func verifySignature(_ request: EmulatorRequest, service: String) throws(SigV4VerificationError) -> CallerContext {
        if configuration.acceptAnySignature {
            let scope = request.header("authorization").flatMap { try? SigV4Authorization(header: $0) }
            return CallerContext(
                host: request.host,
                accessKeyID: scope?.accessKeyID,
                region: scope?.region ?? configuration.region
            )
        }
        let signable = SignableRequest(
            method: request.method,
            path: request.path,
            query: request.query,
            headers: request.headers.map { SignableRequest.Header($0.name, $0.value) },
            body: request.body
        )
        let regions: Set<String> = service == "sts" ? [configuration.region, "us-east-1"] : [configuration.region]
        let authorization = try verifier.verify(
            signable,
            now: Date(),
            endpoint: SigV4Verifier.Endpoint(service: service, regions: regions)
        )
        return CallerContext(host: request.host, accessKeyID: authorization.accessKeyID, region: authorization.region)
    }
}
