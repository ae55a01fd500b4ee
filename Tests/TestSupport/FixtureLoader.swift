import Foundation

/// Reads the files a test works from, out of one folder: either a test target's bundled resources
/// (`resources: [.copy("Fixtures")]` in `Package.swift`) or a folder of the package checkout (`fixtures/`,
/// `config/`, `emulator/`). The one way tests find their fixtures.
public struct FixtureLoader: Sendable {
    /// The folder the names are looked up in.
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// The resources copied into `bundle` under `subdirectory`; pass the test target's `Bundle.module`. A folder
    /// that is not there shows as `FixtureError` on the first file asked for.
    public init(bundle: Bundle, subdirectory: String) {
        self.init(folder: (bundle.resourceURL ?? bundle.bundleURL).appendingPathComponent(subdirectory))
    }

    /// The folder `path` of the package checkout, relative to its root (`"fixtures/webhooks"`, `"config"`).
    public static func package(_ path: String) -> FixtureLoader {
        FixtureLoader(folder: ChildProcess.packageRoot.appendingPathComponent(path))
    }

    /// The file `name` with extension `ext` (none when `nil`), which must exist.
    public func url(_ name: String, ext: String? = "json") throws(FixtureError) -> URL {
        var url = folder.appendingPathComponent(name)
        if let ext { url.appendPathExtension(ext) }
        guard FileManager.default.fileExists(atPath: url.path) else { throw FixtureError(.missingFile, path: url.path) }
        return url
    }

    public func data(_ name: String, ext: String? = "json") throws -> Data {
        try Data(contentsOf: url(name, ext: ext))
    }

    public func text(_ name: String, ext: String? = "json") throws -> String {
        try String(contentsOf: url(name, ext: ext), encoding: .utf8)
    }

    /// The path of file `name`, for APIs that take a path.
    public func path(_ name: String, ext: String? = nil) throws(FixtureError) -> String {
        try url(name, ext: ext).path
    }

    /// Every file of the folder with extension `ext`, sorted by path so that tests see them in a stable order.
    public func files(withExtension ext: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == ext }.sorted { $0.path < $1.path }
    }
}
