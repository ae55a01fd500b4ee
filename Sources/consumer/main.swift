// The consumer's Lambda bootstrap: SQS batches in, Asana tasks out, failed records reported back.
import ConsumerService
import Foundation
import LambdaRuntime
import Logging
import ServiceSupport

let environment = ProcessInfo.processInfo.environment
let logLevel = JSONLogHandler.level(environment: environment)
LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: logLevel) }
await LambdaRuntime(logger: Logger(label: "consumer")) { context in
    try await ConsumerLambdaHandler(context: context, environment: environment)
}.runOrExit()
