import Yams

/// The admin API every stub serves under `/__admin` (never journaled, never faulted, no auth):
///
/// | Method | Path | Does |
/// |---|---|---|
/// | GET | `/__admin/health` | `{"service": "asana", "ok": true}` |
/// | GET | `/__admin/requests?method=&path=&status=&since=&body_contains=&limit=` | journal entries, oldest first |
/// | GET | `/__admin/requests/count?…` | `{"count": N}` with the same filters |
/// | DELETE | `/__admin/requests` | empties the journal |
/// | GET | `/__admin/faults` | the fault rules with their counters |
/// | POST | `/__admin/faults` | adds one rule, a list, or a scenario `{"faults": […]}` (JSON or YAML) |
/// | DELETE | `/__admin/faults` or `/__admin/faults/{id}` | removes all rules or one |
/// | POST | `/__admin/seed` | adds records to the service (same shape as its fixture files; JSON or YAML) |
/// | POST | `/__admin/reset` | empties journal and faults and returns the service to its start state |
package struct StubAdminAPI {
    let server: StubServer

    func handle(_ request: StubRequest) async -> StubResponse {
        guard case .found(let handler, let parameters) = Self.routes.match(request.method, request.segments.dropFirst())
        else {
            return .json(404, ["error": .string("unknown admin route \(request.method) \(request.path)")])
        }
        return handler(self, request, parameters)
    }

    typealias Handler = @Sendable (StubAdminAPI, StubRequest, RouteParameters) -> StubResponse

    /// The table above, under `/__admin`; anything else is a 404 naming the method and path.
    static let routes: StubRoutes<Handler> = {
        var routes = StubRoutes<Handler>()
        routes.add("DELETE", "faults/{id}") { admin, _, parameters in
            guard let id = Int(parameters["id"]), admin.server.faults.remove(id: id) else {
                return .json(404, ["error": .string("no fault rule \(parameters["id"])")])
            }
            return .json(200, ["removed": .number(Double(id))])
        }
        let health: Handler = { admin, _, _ in
            .json(200, ["service": .string(admin.server.service.name), "ok": true])
        }
        routes.add("GET", "health", health)
        routes.add("GET", "", health)
        routes.add("GET", "requests") { admin, request, _ in
            admin.filtered(request) { filter in
                let entries = admin.server.journal.entries(matching: filter)
                return [
                    "requests": .array(entries.map(\.json)), "count": .number(Double(entries.count)),
                    "dropped": .number(Double(admin.server.journal.dropped)),
                ]
            }
        }
        routes.add("GET", "requests/count") { admin, request, _ in
            admin.filtered(request) { filter in ["count": .number(Double(admin.server.journal.count(matching: filter)))]
            }
        }
        routes.add("DELETE", "requests") { admin, _, _ in
            .json(200, ["cleared": .number(Double(admin.server.journal.reset()))])
        }
        routes.add("GET", "faults") { admin, _, _ in
            .json(200, ["faults": .array(admin.server.faults.rules.map(\.json))])
        }
        routes.add("POST", "faults") { admin, request, _ in admin.addFaults(request.body) }
        routes.add("DELETE", "faults") { admin, _, _ in
            admin.server.faults.reset()
            return .json(200, ["faults": []])
        }
        routes.add("POST", "seed") { admin, request, _ in
            do throws(SeedError) {
                guard let document = StubAdminAPI.document(request.body) else {
                    throw SeedError("the seed body is neither JSON nor YAML")
                }
                return .json(200, try admin.server.service.seed(document))
            } catch {
                return .json(400, ["error": .string(error.description)])
            }
        }
        routes.add("POST", "reset") { admin, _, _ in
            admin.server.journal.reset()
            admin.server.faults.reset()
            admin.server.service.reset()
            return .json(200, ["reset": true])
        }
        return routes
    }()

    private func filtered(_ request: StubRequest, _ body: (JournalFilter) -> JSON) -> StubResponse {
        do throws(SeedError) {
            return .json(200, body(try JournalFilter(query: request.query)))
        } catch {
            return .json(400, ["error": .string(error.description)])
        }
    }

    private func addFaults(_ body: [UInt8]) -> StubResponse {
        do throws(SeedError) {
            let specs = try StubAdminAPI.faultSpecs(body)
            let ids = specs.map { server.faults.add($0) }
            let rules = server.faults.rules.filter { ids.contains($0.id) }
            return .json(201, ["faults": .array(rules.map(\.json))])
        } catch {
            return .json(400, ["error": .string(error.description)])
        }
    }

    /// Reads fault rules from a JSON or YAML body or scenario file: one rule, a list, or `{"faults": [...]}`.
    /// All rules are checked before any is added, so a bad scenario adds nothing.
    package static func faultSpecs(_ body: [UInt8]) throws(SeedError) -> [FaultSpec] {
        guard let document = document(body) else { throw SeedError("the fault body is neither JSON nor YAML") }
        let list: [JSON]
        if let faults = document["faults"] {
            guard let array = faults.array else { throw SeedError("'faults' must be a list") }
            list = array
        } else if let array = document.array {
            list = array
        } else {
            list = [document]
        }
        var specs: [FaultSpec] = []
        for (index, item) in list.enumerated() {
            do throws(SeedError) {
                specs.append(try FaultSpec(json: item))
            } catch {
                throw SeedError(list.count > 1 ? "fault \(index + 1): \(error.message)" : error.message)
            }
        }
        return specs
    }

    /// Parses JSON, or else YAML (a superset for the documents we take).
    package static func document(_ body: [UInt8]) -> JSON? {
        if let json = JSON.parse(body) { return json }
        guard let text = String(validating: body, as: UTF8.self),
            let yaml = try? YAMLDecoder().decode(JSON.self, from: text)
        else { return nil }
        return yaml
    }
}
