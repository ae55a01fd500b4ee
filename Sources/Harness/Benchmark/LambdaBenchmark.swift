import AWSClient
import Emulator
import Foundation
import Logging
import Stubs
import Topology

/// The Lambda side of the harness, measured (issue 5's "Performance" and issue 3's 1-second budget): warm
/// invoke overhead with a no-op bootstrap, the real producer's cold start behind its Function URL, and the
/// throughput of SQS → event source mapping → no-op function. Every loop is bounded by a count and by
/// `durationLimitSeconds`; a failure throws rather than report a figure.
package struct LambdaBenchmark: Sendable {
    package struct Plan: Sendable {
        /// `test-bootstrap-behaviours` (run with `TEST_BOOTSTRAP_MODE=noop`).
        package var noopBootstrap: String
        /// Where `producer` and `consumer` are.
        package var productsFolder: String
        package var stackPath: String
        package var fixturesPath: String
        package var invokes = 1_000
        package var coldStarts = 5
        package var warmWebhooks = 50
        package var messages = 2_000
        package var maximumConcurrency = 5
        package var durationLimitSeconds: Double = 300

        package init(noopBootstrap: String, productsFolder: String, stackPath: String, fixturesPath: String) {
            self.noopBootstrap = noopBootstrap
            self.productsFolder = productsFolder
            self.stackPath = stackPath
            self.fixturesPath = fixturesPath
        }
    }

    package var plan: Plan
    package var logger: Logger

    package init(plan: Plan, logger: Logger) {
        self.plan = plan
        self.logger = logger
    }

    var deadline: ContinuousClock.Instant {
        ContinuousClock.now.advanced(by: .milliseconds(Int64(plan.durationLimitSeconds * 1000)))
    }

    func noopFunction(name: String, reservedConcurrency: Int?) -> LambdaFunctionConfiguration {
        LambdaFunctionConfiguration(
            name: name,
            executablePath: plan.noopBootstrap,
            timeout: 30,
            reservedConcurrency: reservedConcurrency,
            environment: ["TEST_BOOTSTRAP_MODE": "noop"]
        )
    }

    static func milliseconds(_ duration: Duration) -> Double { LatencySummary.microseconds(duration) / 1000 }

    /// This process's CPU time (user + system), in seconds.
    static func ownCPUSeconds() throws(BenchmarkError) -> Double {
        Double(try ProcessUsage.read(pid: getpid()).cpuTicks) / ProcessUsage.ticksPerSecond
    }

    // MARK: Warm invoke

    /// One instance of the no-op bootstrap; the first invoke starts it (cold), then `invokes` warm ones in turn.
    package func warmInvoke() async throws -> LambdaBenchmarkResult.WarmInvoke {
        let host = LambdaFunctionHost(
            configuration: noopFunction(name: "bench-noop", reservedConcurrency: 1),
            logger: logger
        )
        do {
            let result = try await measureInvokes(host)
            await host.shutdown()
            return result
        } catch {
            await host.shutdown()
            throw error
        }
    }

    private func measureInvokes(_ host: LambdaFunctionHost) async throws -> LambdaBenchmarkResult.WarmInvoke {
        let limit = deadline
        let coldStart = ContinuousClock.now
        try await invokeOnce(host, payload: "{}")
        let cold = Self.milliseconds(ContinuousClock.now - coldStart)
        var samples: [Duration] = []
        samples.reserveCapacity(plan.invokes)
        let cpuBefore = try Self.ownCPUSeconds()
        for index in 0..<plan.invokes {
            guard ContinuousClock.now < limit else {
                throw BenchmarkError(.timeLimit, "warm invokes: \(index) of \(plan.invokes) within the time limit")
            }
            let start = ContinuousClock.now
            try await invokeOnce(host, payload: "{\"n\":\(index)}")
            samples.append(ContinuousClock.now - start)
        }
        let cpu = try Self.ownCPUSeconds() - cpuBefore
        return LambdaBenchmarkResult.WarmInvoke(
            invokes: plan.invokes,
            coldStartMilliseconds: cold,
            latency: LatencySummary(samples: samples),
            emulatorCPUMicrosecondsPerInvoke: cpu * 1e6 / Double(max(plan.invokes, 1))
        )
    }

    private func invokeOnce(_ host: LambdaFunctionHost, payload: String) async throws(BenchmarkError) {
        let attempt = await host.invoke(LambdaInvocation(payload: Data(payload.utf8)))
        guard case .completed(let outcome) = attempt, outcome.isSuccess else {
            throw BenchmarkError(.tooManyFailures, "an invoke of the no-op bootstrap did not succeed: \(attempt)")
        }
    }

    // MARK: Producer cold start

    /// `coldStarts` times: a fresh in-memory stack (emulator, stubs, the real producer behind its Function URL,
    /// no event source mapping so that the consumer does not compete), the first webhook timed as Sentry sees
    /// it (a signed POST on a new connection until the answer), then `warmWebhooks` more to the warm producer.
    package func producerColdStart() async throws -> LambdaBenchmarkResult.ProducerColdStart {
        let limit = deadline
        let webhooks = URL(fileURLWithPath: plan.fixturesPath).appendingPathComponent("webhooks")
        guard
            let file = try FileManager.default.contentsOfDirectory(atPath: webhooks.path)
                .filter({ $0.hasSuffix(".json") }).sorted().first
        else { throw BenchmarkError(.invalidArguments, "no webhook fixture in \(webhooks.path)") }
        let body = Demo.trimmed(try Array(Data(contentsOf: webhooks.appendingPathComponent(file))))
        var cold: [Double] = []
        var warm: [Duration] = []
        var failures = 0
        for _ in 0..<plan.coldStarts {
            guard ContinuousClock.now < limit else {
                throw BenchmarkError(.timeLimit, "producer cold starts: \(cold.count) within the time limit")
            }
            var options = LocalPipeline.Options(
                stackPath: plan.stackPath,
                fixturesPath: plan.fixturesPath,
                productsFolder: plan.productsFolder
            )
            options.adjust = { $0.eventSourceMappings = [] }
            let pipeline = try await LocalPipeline.start(options, logger: logger)
            do {
                let sender = WebhookSender(secret: try Demo.clientSecret(pipeline.stack), timeout: 10)
                guard let url = URL(string: pipeline.endpoints.webhookURL) else {
                    throw BenchmarkError(.invalidArguments, "the stack has no Function URL")
                }
                let first = await sender.send(body, to: url)
                if first.attempts.last?.status != 200 { failures += 1 }
                cold.append(first.attempts.last?.milliseconds ?? .nan)
                for _ in 0..<plan.warmWebhooks where ContinuousClock.now < limit {
                    let delivery = await sender.send(body, to: url)
                    if delivery.attempts.last?.status != 200 { failures += 1 }
                    warm.append(.milliseconds(delivery.attempts.last?.milliseconds ?? 0))
                }
            } catch {
                await pipeline.shutdown()
                throw error
            }
            await pipeline.shutdown()
        }
        let sorted = cold.sorted()
        return LambdaBenchmarkResult.ProducerColdStart(
            coldStarts: cold.count,
            coldMilliseconds: cold,
            coldMedianMilliseconds: LatencySummary.percentile(50, ofSorted: sorted) ?? .nan,
            coldMaxMilliseconds: sorted.last ?? .nan,
            warm: LatencySummary(samples: warm),
            failures: failures
        )
    }

    // MARK: Mapping throughput

    /// `messages` enqueued (unmeasured) in an in-memory emulator's queue, then an event source mapping (batches
    /// of 10, up to `maximumConcurrency` instances) into the no-op function, timed until the queue is empty.
    package func mappingThroughput() async throws -> LambdaBenchmarkResult.MappingThroughput {
        let limit = deadline
        var quiet = logger
        quiet.logLevel = .critical
        let emulator = try Emulator(configuration: EmulatorConfiguration(port: 0), logger: quiet)
        let caller = CallerContext(host: "127.0.0.1", accessKeyID: "test", region: emulator.configuration.region)
        let queueName = "bench-mapping"
        _ = try await emulator.sqs.handle("CreateQueue", JSONInput(["QueueName": queueName]), caller: caller)
        let queueURL = emulator.sqs.url(queueName, host: caller.host)
        var sent = 0
        while sent < plan.messages {
            let count = min(10, plan.messages - sent)
            let entries: [[String: Any]] = (0..<count).map { ["Id": "e\($0)", "MessageBody": "{\"n\":\(sent + $0)}"] }
            _ = try await emulator.sqs.handle(
                "SendMessageBatch",
                JSONInput(["QueueUrl": queueURL, "Entries": entries]),
                caller: caller
            )
            sent += count
        }
        let functions = LambdaFunctionRegistry(logger: quiet)
        await functions.register(noopFunction(name: "bench-consumer", reservedConcurrency: plan.maximumConcurrency))
        let mappings = SQSEventSourceMappingRegistry(
            functions: functions,
            queues: SQSServiceMappingQueueProvider(sqs: emulator.sqs, region: emulator.configuration.region),
            logger: quiet
        )
        let start = ContinuousClock.now
        var drained = false
        do {
            _ = try await mappings.create(
                SQSEventSourceMappingSettings(
                    functionName: "bench-consumer",
                    eventSourceARN: emulator.sqs.arn(queueName),
                    batchSize: 10,
                    maximumConcurrency: max(2, plan.maximumConcurrency)
                )
            )
            while ContinuousClock.now < limit {
                let queue = emulator.sqs.inspectQueue(queueName) ?? [:]
                let left = ["visible", "inFlight", "delayed"].map { queue[$0] as? Int ?? 1 }.reduce(0, +)
                if left == 0 {
                    drained = true
                    break
                }
                try await Task.sleep(for: .milliseconds(5))
            }
        } catch {
            await mappings.shutdown()
            await functions.shutdown()
            throw error
        }
        let elapsed = ContinuousClock.now - start
        await mappings.shutdown()
        await functions.shutdown()
        guard drained else {
            throw BenchmarkError(.timeLimit, "the mapping did not drain \(plan.messages) messages within the limit")
        }
        let seconds = LatencySummary.microseconds(elapsed) / 1e6
        return LambdaBenchmarkResult.MappingThroughput(
            messages: plan.messages,
            seconds: seconds,
            messagesPerSecond: Double(plan.messages) / seconds,
            maximumConcurrency: plan.maximumConcurrency
        )
    }
}
