/// Why a benchmark could not run or finish.
package struct BenchmarkError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: String, Sendable, Equatable {
        /// `/proc/PID/stat` or `/proc/PID/status` is missing or not in the expected shape.
        case unreadableProcess
        /// The arguments do not describe a runnable workload.
        case invalidArguments
        /// The server refused or failed too many requests to go on.
        case tooManyFailures
        /// The workload did not finish within its time limit.
        case timeLimit
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code.rawValue): \(message)" }
}
