/// How `Emulator.loadStack` starts a stack's functions.
package struct StackLoadOptions: Sendable {
    /// Where executables named by product (`producer`, `consumer`) are: SwiftPM's build folder.
    package var productsFolder: String
    /// Template values besides `{{aws_endpoint}}` and `{{queue_url:NAME}}`, which the emulator knows itself:
    /// `asana_url`, `sentry_url`, `repo`, … An unknown placeholder in the stack is an error.
    package var variables: [String: String]
    /// The address Function URLs listen on.
    package var functionURLAddress: String
    /// The port of the first Function URL (the webhook); 0 lets the kernel choose. Other URLs always get 0.
    package var webhookPort: Int
    /// `false` applies queues and secrets only: no function, mapping or URL is started.
    package var startFunctions: Bool

    package init(
        productsFolder: String,
        variables: [String: String] = [:],
        functionURLAddress: String = "127.0.0.1",
        webhookPort: Int = 0,
        startFunctions: Bool = true
    ) {
        self.productsFolder = productsFolder
        self.variables = variables
        self.functionURLAddress = functionURLAddress
        self.webhookPort = webhookPort
        self.startFunctions = startFunctions
    }
}
