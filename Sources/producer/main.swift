// The producer's Lambda bootstrap: Sentry's webhook in through a Function URL, one SQS message out.
import Foundation
import LambdaRuntime
import Logging
import ProducerService
import ServiceSupport

let environment = ProcessInfo.processInfo.environment
let logLevel = JSONLogHandler.level(environment: environment)
LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: logLevel) }
await LambdaRuntime(logger: Logger(label: "producer")) { context in
    try await ProducerLambdaHandler(context: context, environment: environment)
}.runOrExit()
