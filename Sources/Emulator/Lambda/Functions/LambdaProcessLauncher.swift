import Foundation

/// Starts the function's executable; one protocol so the host can be driven without processes.
package protocol LambdaProcessLauncher: Sendable {
    /// Starts `executable` with exactly `environment`. Each complete line of stdout or stderr goes to `output`;
    /// `exited` is called once with Lambda's wording of how it ended (`exit status 1`, `signal: killed`).
    func launch(
        executable: String,
        environment: [String: String],
        output: @escaping @Sendable (String) -> Void,
        exited: @escaping @Sendable (String) -> Void
    ) throws -> any LambdaProcessHandle
}

/// A started instance process.
package protocol LambdaProcessHandle: Sendable {
    var pid: Int32 { get }
    /// SIGKILL, as Lambda stops an environment; the exit is still reported through `exited`.
    func kill()
    /// Peak resident memory so far (`VmHWM` from `/proc/PID/status`), in megabytes.
    func maxMemoryUsedMB() -> Int?
    /// Emits every line the process has written so far through `output` before it returns.
    func drainOutput()
}

extension LambdaProcessHandle {
    package func drainOutput() {}
}
