/// The folder where `devstack up` keeps its state (the emulator's SQLite file and `endpoints.json`) and where the
/// other verbs look for a running stack: `--state FOLDER`, else `$DEVSTACK_STATE`, else `.devstack` in the
/// current folder.
package enum StateFolder {
    package static let defaultPath = ".devstack"
    package static let environmentVariable = "DEVSTACK_STATE"

    package static func resolve(option: String?, environment: [String: String]) -> String {
        if let option, !option.isEmpty { return option }
        if let value = environment[environmentVariable], !value.isEmpty { return value }
        return defaultPath
    }
}
