/// Why a stack could not be loaded into the emulator, said so that a person can fix the file or the build.
package struct StackLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: Sendable, Equatable {
        /// The stack does not fit this emulator (account, region, credentials), or a stack is already loaded.
        case mismatch
        /// A queue or a secret was refused by the service.
        case resource
        /// A function's executable is not there.
        case missingExecutable
        /// A `{{…}}` placeholder could not be filled.
        case template
        /// An event source mapping was refused.
        case mapping
        /// A Function URL could not listen.
        case functionURL
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
