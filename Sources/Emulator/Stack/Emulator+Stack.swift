import Foundation
import Synchronization
import Topology

extension Emulator {
    /// Loads a stack: its queues (dead-letter queues first, redrive policies) and secrets straight into the
    /// services, idempotently (a queue that exists keeps its messages and gets the stack's attributes; a secret
    /// whose value is unchanged is not rewritten); then, unless `options.startFunctions` is false, its functions
    /// (executables resolved in the products folder, `{{…}}` values filled), its event source mappings (UUIDs
    /// derived from function and queue, so the same across restarts) and its Function URLs. `endpoint` is the
    /// emulator's own URL (`{{aws_endpoint}}` and the functions' `AWS_ENDPOINT_URL`).
    ///
    /// Every executable is checked before anything starts. On an error the caller stops the emulator
    /// (`EmulatorServer.shutdown`), which stops whatever was started.
    package func loadStack(
        _ stack: StackTopology,
        endpoint: URL,
        options: StackLoadOptions
    ) async throws(StackLoadError)
        -> LoadedStack
    {
        try checkFits(stack)
        let host = endpoint.port.map { "\(endpoint.host ?? "127.0.0.1"):\($0)" } ?? (endpoint.host ?? "127.0.0.1")
        let alreadyLoaded = loaded.withLock { current -> Bool in
            if current != nil { return true }
            current = (stack, host)
            return false
        }
        if alreadyLoaded {
            throw StackLoadError(
                .mismatch,
                "a stack is already loaded into this emulator; start another emulator to load another"
            )
        }
        let awsEndpoint =
            endpoint.absoluteString.hasSuffix("/")
            ? String(endpoint.absoluteString.dropLast()) : endpoint.absoluteString
        let queueURLs = try await applyResources(stack, host: host)
        var result = LoadedStack(
            awsEndpoint: awsEndpoint,
            queueURLs: queueURLs,
            functionURLs: [:],
            webhookURL: nil,
            mappingUUIDs: [:]
        )
        guard options.startFunctions else { return result }

        // Functions: every executable found and every value filled before the first one is registered.
        let template = TemplateValues(
            values: options.variables.merging(["aws_endpoint": awsEndpoint]) { _, own in own },
            queueURL: { queueURLs[$0] }
        )
        var configurations: [LambdaFunctionConfiguration] = []
        for function in stack.functions {
            let executable =
                function.executable.hasPrefix("/")
                ? function.executable
                : URL(fileURLWithPath: options.productsFolder).appendingPathComponent(function.executable).path
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                let build =
                    function.executable.contains("/")
                    ? "check the path in the stack file" : "build it: swift build --product \(function.executable)"
                throw StackLoadError(
                    .missingExecutable,
                    "function '\(function.name)': no executable at \(executable) (\(build))"
                )
            }
            let environment: [String: String]
            do throws(TopologyError) {
                environment = try template.environment(of: function)
            } catch {
                throw StackLoadError(.template, "function '\(function.name)': \(error.message)")
            }
            configurations.append(
                LambdaFunctionConfiguration(
                    name: function.name,
                    executablePath: executable,
                    timeout: Double(function.timeout),
                    memorySize: function.memory,
                    reservedConcurrency: function.reservedConcurrency,
                    environment: environment,
                    handler: function.handler,
                    region: stack.region,
                    accountID: stack.accountID
                )
            )
        }
        await lambda.functions.setEnvironment(
            LambdaEnvironment(
                accessKeyID: stack.credentials.accessKeyID,
                secretAccessKey: stack.credentials.secretAccessKey,
                endpointURL: awsEndpoint
            )
        )
        for configuration in configurations { await lambda.functions.register(configuration) }

        for mapping in stack.eventSourceMappings {
            let arn = "arn:aws:sqs:\(stack.region):\(stack.accountID):\(mapping.queue)"
            let uuid = EventSourceMappingUUID.make(function: mapping.function, eventSourceARN: arn)
            do throws(LambdaAPIError) {
                _ = try await lambda.mappings.create(
                    SQSEventSourceMappingSettings(
                        uuid: uuid,
                        functionName: mapping.function,
                        eventSourceARN: arn,
                        batchSize: mapping.batchSize,
                        maximumBatchingWindowInSeconds: mapping.maximumBatchingWindow,
                        reportBatchItemFailures: mapping.reportsBatchItemFailures,
                        maximumConcurrency: mapping.maximumConcurrency,
                        enabled: mapping.enabled
                    )
                )
            } catch {
                throw StackLoadError(
                    .mapping,
                    "event source mapping \(mapping.queue) → \(mapping.function): \(error.message)"
                )
            }
            result.mappingUUIDs["\(mapping.function)→\(mapping.queue)"] = uuid
        }

        for function in stack.functions where function.functionURL {
            let port = result.webhookURL == nil ? options.webhookPort : 0
            do {
                let url = try await lambda.startFunctionURL(
                    function: function.name,
                    address: options.functionURLAddress,
                    port: port
                )
                result.functionURLs[function.name] = url.absoluteString
                if result.webhookURL == nil { result.webhookURL = url.absoluteString }
            } catch {
                throw StackLoadError(
                    .functionURL,
                    "function '\(function.name)': its URL did not listen on \(options.functionURLAddress):\(port): \(error)"
                )
            }
        }
        dashboardLinks.withLock {
            $0 = DashboardLinks(stack: stack, webhookURL: result.webhookURL, variables: options.variables)
        }
        return result
    }

    /// Creates the stack's queues and secrets, or brings existing ones to what the stack says (messages kept),
    /// and returns the queue URLs built for `host`.
    package func applyResources(_ stack: StackTopology, host: String) async throws(StackLoadError) -> [String: String] {
        try checkFits(stack)
        let caller = CallerContext(host: host, accessKeyID: stack.credentials.accessKeyID, region: stack.region)
        var urls: [String: String] = [:]
        // Dead-letter queues first: a redrive policy names its DLQ's ARN.
        let ordered = stack.queues.filter { $0.redrive == nil } + stack.queues.filter { $0.redrive != nil }
        for queue in ordered {
            var attributes = queue.attributes
            if let redrive = queue.redrive {
                let dlqARN = "arn:aws:sqs:\(stack.region):\(stack.accountID):\(redrive.deadLetterQueue)"
                attributes["RedrivePolicy"] =
                    #"{"deadLetterTargetArn":"\#(dlqARN)","maxReceiveCount":\#(redrive.maxReceiveCount)}"#
            }
            var creating = attributes
            if queue.isFIFO { creating["FifoQueue"] = "true" }
            do throws(AWSError) {
                do throws(AWSError) {
                    let output = try await sqs.handle(
                        "CreateQueue",
                        JSONInput(["QueueName": queue.name, "Attributes": creating]),
                        caller: caller
                    )
                    urls[queue.name] = output["QueueUrl"] as? String ?? sqs.url(queue.name, host: host)
                } catch  where error.code == "QueueNameExists" {
                    // Same name, other attributes: bring the queue to what the stack says; its messages stay.
                    let url = sqs.url(queue.name, host: host)
                    _ = try await sqs.handle(
                        "SetQueueAttributes",
                        JSONInput(["QueueUrl": url, "Attributes": attributes]),
                        caller: caller
                    )
                    urls[queue.name] = url
                }
            } catch {
                throw StackLoadError(.resource, "queue '\(queue.name)': \(error.message)")
            }
        }
        for secret in stack.secrets {
            do throws(AWSError) {
                do throws(AWSError) {
                    _ = try secrets.handle(
                        "CreateSecret",
                        JSONInput(["Name": secret.name, "SecretString": secret.secretString])
                    )
                } catch  where error.code == "ResourceExistsException" {
                    let current = try secrets.handle("GetSecretValue", JSONInput(["SecretId": secret.name]))
                    if current["SecretString"] as? String != secret.secretString {
                        _ = try secrets.handle(
                            "PutSecretValue",
                            JSONInput(["SecretId": secret.name, "SecretString": secret.secretString])
                        )
                    }
                }
            } catch {
                throw StackLoadError(.resource, "secret '\(secret.name)': \(error.message)")
            }
        }
        return urls
    }

    /// The stack must name this emulator's account and region, and its credentials must be accepted.
    private func checkFits(_ stack: StackTopology) throws(StackLoadError) {
        if stack.accountID != configuration.accountID || stack.region != configuration.region {
            throw StackLoadError(
                .mismatch,
                "the stack is for account \(stack.accountID) in \(stack.region), the emulator runs account "
                    + "\(configuration.accountID) in \(configuration.region)"
            )
        }
        let key = stack.credentials.accessKeyID
        if !configuration.acceptAnySignature, configuration.credentials[key] != stack.credentials.secretAccessKey {
            throw StackLoadError(
                .mismatch,
                "the emulator does not accept the stack's credentials (access key \(key)); start it with them"
            )
        }
    }
}
