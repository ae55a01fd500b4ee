/// Why the endpoints file of a running `devstack up` could not be used; each description says what to do next.
package struct EndpointsFileError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: String, Sendable, Equatable {
        /// No endpoints file: nothing started with this state folder is running.
        case notRunning
        /// The file names a process that no longer exists (killed without cleaning up).
        case stale
        /// The file is not the JSON `devstack up` writes.
        case malformed
        /// The file could not be written.
        case unwritable
        /// Another live `devstack up` already owns this state folder.
        case alreadyRunning
    }

    package var code: Code
    /// The endpoints file concerned.
    package var path: String
    /// The PID the file names, for `.stale` and `.alreadyRunning`.
    package var pid: Int32?
    package var detail: String

    package init(_ code: Code, path: String, pid: Int32? = nil, _ detail: String = "") {
        self.code = code
        self.path = path
        self.pid = pid
        self.detail = detail
    }

    static let hint = "start one with `swift run devstack up`"

    package var description: String {
        switch code {
        case .notRunning:
            return "no devstack up is running (no \(path)); \(Self.hint), or point at a stack with --state FOLDER, "
                + "DEVSTACK_STATE or the verb's address option (e.g. --endpoint for `devstack emulator`)"
        case .stale:
            return "no devstack up is running (stale \(path) from PID \(pid.map(String.init) ?? "?")); \(Self.hint)"
        case .malformed:
            return "\(path) is not an endpoints file written by devstack up (\(detail)); remove it and \(Self.hint)"
        case .unwritable:
            return "cannot write \(path): \(detail)"
        case .alreadyRunning:
            return "a devstack up (PID \(pid.map(String.init) ?? "?")) is already running with this state folder "
                + "(\(path)); stop it first, or give another --state FOLDER"
        }
    }
}
