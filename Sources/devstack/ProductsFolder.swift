import ArgumentParser
import Foundation

/// Where the `producer` and `consumer` executables are: beside `devstack`, in SwiftPM's build folder. `swift run
/// devstack demo` builds only `devstack`, so on a fresh clone the verbs that run the functions build the two
/// missing products first, in the same build folder and configuration (`up` and `emulator` build nothing and
/// say what to run instead).
enum ProductsFolder {
    /// The folder of the running executable.
    static func own() -> String {
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    /// Builds those of `products` that are missing from `folder` with `swift build --product`, when `folder` is
    /// a SwiftPM build folder (`SCRATCH/TRIPLE/CONFIG`) and the current folder is the package.
    static func ensureBuilt(_ products: [String], in folder: String, say: (String) -> Void) throws {
        let missing = products.filter { !FileManager.default.isExecutableFile(atPath: "\(folder)/\($0)") }
        guard !missing.isEmpty else { return }
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        let configuration = url.lastPathComponent
        let scratch = url.deletingLastPathComponent().deletingLastPathComponent().path
        guard ["debug", "release"].contains(configuration),
            FileManager.default.fileExists(atPath: "Package.swift")
        else {
            throw ValidationError(
                "no \(missing.joined(separator: " or ")) in \(folder): build them (swift build) or pass --products FOLDER"
            )
        }
        for product in missing {
            say("Building \(product) once (swift build -c \(configuration) --product \(product))…")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "swift", "build", "-c", configuration, "--scratch-path", scratch, "--product", product,
            ]
            // swift build's own progress goes to stderr: stdout stays the command's (one JSON line with --json).
            process.standardOutput = FileHandle.standardError
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ValidationError("swift build --product \(product) failed (exit \(process.terminationStatus))")
            }
        }
    }
}
