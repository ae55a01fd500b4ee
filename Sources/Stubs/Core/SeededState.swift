import Foundation

/// A stub's state built from seed documents (Asana's workspace, Sentry's organization). Loading a folder of them
/// and refusing an unknown section work the same for both stubs, so they live here once.
package protocol SeededState {
    init()
    /// The service's name in error messages ("Asana", "Sentry").
    static var serviceName: String { get }
    /// Adds the records of one document and returns how many of each kind were added.
    mutating func seed(_ document: JSON) throws(SeedError) -> JSON
}

extension SeededState {
    /// Loads every `.yaml`, `.yml` and `.json` file of `directory` in name order; an error names the file.
    package static func load(directory: URL) throws(SeedError) -> Self {
        var state = Self()
        for (path, document) in try SeedFolder.documents(in: directory, service: serviceName) {
            do throws(SeedError) {
                _ = try state.seed(document)
            } catch {
                throw SeedError("\(path): \(error.message)")
            }
        }
        return state
    }

    /// The document's top-level mapping, refused when it is not a mapping or names a section outside `known`.
    static func sections(of document: JSON, known: Set<String>) throws(SeedError) -> [String: JSON] {
        guard let root = document.object else { throw SeedError("a seed document must be a mapping") }
        if let unknown = root.keys.sorted().first(where: { !known.contains($0) }) {
            throw SeedError("unknown section '\(unknown)'; known: \(known.sorted().joined(separator: ", "))")
        }
        return root
    }
}
