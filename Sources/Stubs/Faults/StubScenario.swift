import Foundation

/// A scenario file: fault rules for each stub, applied at start.
///
/// ```yaml
/// asana:
///   - {method: POST, path: /api/1.0/tasks, kind: status, status: 503, times: 2}
/// sentry:
///   - {path: /api/0/organizations/*/issues/*, kind: rate_limit, retry_after: 2, times: 1}
/// ```
package struct StubScenario: Sendable {
    package var asana: [FaultSpec] = []
    package var sentry: [FaultSpec] = []

    package init(asana: [FaultSpec] = [], sentry: [FaultSpec] = []) {
        self.asana = asana
        self.sentry = sentry
    }

    package static func load(path: String) throws(SeedError) -> StubScenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SeedError("cannot read the scenario file \(path)")
        }
        guard let document = StubAdminAPI.document(Array(data)), let root = document.object else {
            throw SeedError("\(path): a scenario is a mapping with 'asana' and/or 'sentry' lists of faults")
        }
        if let unknown = root.keys.sorted().first(where: { $0 != "asana" && $0 != "sentry" }) {
            throw SeedError("\(path): unknown key '\(unknown)'; use 'asana' and 'sentry'")
        }
        var scenario = StubScenario()
        do throws(SeedError) {
            if let list = root["asana"] { scenario.asana = try StubAdminAPI.faultSpecs(Array(list.bytes)) }
            if let list = root["sentry"] { scenario.sentry = try StubAdminAPI.faultSpecs(Array(list.bytes)) }
        } catch {
            throw SeedError("\(path): \(error.message)")
        }
        return scenario
    }
}
