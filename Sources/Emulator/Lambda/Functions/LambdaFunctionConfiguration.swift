import Foundation

/// What the emulator knows about one function: the executable that plays its `bootstrap` and the settings Lambda
/// would give it. Built from the topology's `FunctionDefinition` by the harness.
package struct LambdaFunctionConfiguration: Sendable, Equatable {
    package var name: String
    /// Absolute path of the executable started as the function's custom runtime.
    package var executablePath: String
    /// Seconds an invocation may run before it fails with `Task timed out after N.00 seconds`.
    package var timeout: Double
    /// Megabytes (`AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, the REPORT line's `Memory Size`).
    package var memorySize: Int
    /// At most this many instances at once; `nil` means the account's default (`LambdaLimits.accountConcurrency`).
    package var reservedConcurrency: Int?
    /// The function's own variables.
    package var environment: [String: String]
    package var handler: String
    package var region: String
    package var accountID: String

    package init(
        name: String,
        executablePath: String,
        timeout: Double = 3,
        memorySize: Int = 128,
        reservedConcurrency: Int? = nil,
        environment: [String: String] = [:],
        handler: String = "bootstrap",
        region: String = "us-east-1",
        accountID: String = "000000000000"
    ) {
        self.name = name
        self.executablePath = executablePath
        self.timeout = timeout
        self.memorySize = memorySize
        self.reservedConcurrency = reservedConcurrency
        self.environment = environment
        self.handler = handler
        self.region = region
        self.accountID = accountID
    }

    /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME`.
    package var functionARN: String { "arn:aws:lambda:\(region):\(accountID):function:\(name)" }

    package var logGroupName: String { "/aws/lambda/\(name)" }

    /// Instances that may run at once.
    package var concurrencyLimit: Int { reservedConcurrency ?? LambdaLimits.accountConcurrency }
}
