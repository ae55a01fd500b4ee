import Foundation

/// The seed documents of a stub's fixtures folder (`fixtures/asana/`, `fixtures/sentry/`): every `.yaml`, `.yml`
/// and `.json` file, in name order, parsed, each with its path for error messages.
package enum SeedFolder {
    package static func documents(
        in directory: URL,
        service: String
    ) throws(SeedError) -> [(path: String, document: JSON)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw SeedError("the \(service) seed folder \(directory.path) does not exist (use --seed DIR)") }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw SeedError("cannot read the \(service) seed directory \(directory.path): \(error)")
        }
        var documents: [(path: String, document: JSON)] = []
        for name in names where name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json") {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path),
                let document = StubAdminAPI.document(Array(data))
            else { throw SeedError("\(url.path): not JSON or YAML") }
            documents.append((url.path, document))
        }
        return documents
    }
}
