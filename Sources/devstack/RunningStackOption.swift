import ArgumentParser
import Foundation
import Harness

/// `--state FOLDER`: where a verb looks for the endpoints file of a running `devstack up` (or `devstack demo
/// --keep`) when its address options are not given — `--state`, else `$DEVSTACK_STATE`, else `.devstack`.
struct RunningStackOption: ParsableArguments {
    @Option(
        name: .customLong("state"),
        help: "The state folder of the running `devstack up` (default: $DEVSTACK_STATE, else .devstack)."
    )
    var folder: String?

    var resolvedFolder: String {
        StateFolder.resolve(option: folder, environment: ProcessInfo.processInfo.environment)
    }

    /// The running stack's endpoints file; fails with a message that says no stack is running, and how to start one.
    func find() throws(EndpointsFileError) -> EndpointsFile {
        try EndpointsFile.find(in: resolvedFolder)
    }
}
