import Foundation

/// Seed documents (`fixtures/asana/*.yaml|*.json`, or `POST /__admin/seed`); loading a folder is `SeededState`'s.
/// See `fixtures/asana/README.md` for the format. Records with a gid that exists already replace it; everything
/// is checked before the state changes, so a bad document changes nothing.
extension AsanaState: SeededState {
    package static let serviceName = "Asana"

    /// Adds the records of one document and returns how many of each kind were added.
    package mutating func seed(_ document: JSON) throws(SeedError) -> JSON {
        let root = try Self.sections(
            of: document,
            known: [
                "workspaces", "users", "custom_fields", "projects", "portfolios", "portfolio_items", "tasks", "stories",
            ]
        )
        var next = self
        var counts: [String: JSON] = [:]
        func each(_ key: String, _ body: (inout AsanaState, Record) throws(SeedError) -> Void) throws(SeedError) {
            guard let value = root[key] else { return }
            guard let list = value.array else { throw SeedError("'\(key)' must be a list") }
            for (index, item) in list.enumerated() {
                guard let object = item.object else { throw SeedError("\(key)[\(index)] must be a mapping") }
                do throws(SeedError) {
                    try body(&next, Record(object: object))
                } catch {
                    throw SeedError("\(key)[\(index)]: \(error.message)")
                }
            }
            counts[key] = .number(Double(list.count))
        }
        try each("workspaces") { state, record throws(SeedError) in
            let gid = try record.gid()
            if state.workspaces[gid] == nil { state.workspaceOrder.append(gid) }
            state.workspaces[gid] = Asana.Workspace(gid: gid, name: try record.string("name"))
        }
        try each("users") { state, record throws(SeedError) in
            let gid = try record.gid()
            state.users[gid] = Asana.User(
                gid: gid,
                name: try record.string("name"),
                email: record.optional("email") ?? ""
            )
            if record.object["me"]?.bool == true || state.me.isEmpty { state.me = gid }
        }
        try each("custom_fields") { state, record throws(SeedError) in
            let gid = try record.gid()
            let type = record.optional("type") ?? "text"
            guard ["enum", "number", "text"].contains(type) else {
                throw SeedError("type must be enum, number or text")
            }
            var options: [Asana.EnumOption] = []
            for item in record.object["enum_options"]?.array ?? [] {
                guard let object = item.object else { throw SeedError("enum_options must be mappings") }
                let option = Record(object: object)
                options.append(
                    Asana.EnumOption(
                        gid: try option.gid(),
                        name: try option.string("name"),
                        enabled: object["enabled"]?.bool ?? true,
                        color: option.optional("color") ?? "none"
                    )
                )
            }
            state.customFields[gid] = Asana.CustomField(
                gid: gid,
                name: try record.string("name"),
                type: type,
                enumOptions: options,
                precision: Int(min(max(record.object["precision"]?.number ?? 0, 0), 6)),
                workspace: try state.workspace(record)
            )
        }
        try each("projects") { state, record throws(SeedError) in
            let gid = try record.gid()
            var settings: [(setting: String, field: String)] = []
            for field in try record.gids("custom_fields") {
                guard state.customFields[field] != nil else { throw SeedError("unknown custom field \(field)") }
                settings.append((state.settingGid(project: gid, field: field, index: settings.count), field))
            }
            if state.projects[gid] == nil { state.projectOrder.append(gid) }
            state.projects[gid] = Asana.Project(
                gid: gid,
                name: try record.string("name"),
                workspace: try state.workspace(record),
                archived: record.object["archived"]?.bool ?? false,
                createdAt: record.optional("created_at") ?? "2026-01-01T00:00:00.000Z",
                owner: record.optional("owner"),
                notes: record.optional("notes") ?? "",
                customFieldSettings: settings
            )
            if let portfolio = record.optional("portfolio") {
                guard state.portfolios[portfolio] != nil else { throw SeedError("unknown portfolio \(portfolio)") }
                if !state.portfolios[portfolio]!.items.contains(gid) { state.portfolios[portfolio]!.items.append(gid) }
            }
        }
        try each("portfolios") { state, record throws(SeedError) in
            let gid = try record.gid()
            let items = try record.gids("items")
            for item in items where state.projects[item] == nil && state.portfolios[item] == nil && item != gid {
                throw SeedError("unknown portfolio item \(item) (seed projects before portfolios)")
            }
            if state.portfolios[gid] == nil { state.portfolioOrder.append(gid) }
            state.portfolios[gid] = Asana.Portfolio(
                gid: gid,
                name: try record.string("name"),
                workspace: try state.workspace(record),
                owner: record.optional("owner") ?? state.me,
                createdAt: record.optional("created_at") ?? "2026-01-01T00:00:00.000Z",
                items: items
            )
        }
        try each("portfolio_items") { state, record throws(SeedError) in
            let portfolio = try record.string("portfolio")
            let item = try record.string("item")
            guard state.portfolios[portfolio] != nil else { throw SeedError("unknown portfolio \(portfolio)") }
            guard state.projects[item] != nil || state.portfolios[item] != nil else {
                throw SeedError("unknown item \(item)")
            }
            if !state.portfolios[portfolio]!.items.contains(item) { state.portfolios[portfolio]!.items.append(item) }
        }
        try each("tasks") { state, record throws(SeedError) in
            let gid = try record.gid()
            let projects = try record.gids("projects")
            for project in projects where state.projects[project] == nil {
                throw SeedError("unknown project \(project)")
            }
            let created = record.optional("created_at") ?? AsanaState.now()
            let notes = record.optional("notes") ?? ""
            if state.tasks[gid] == nil { state.taskOrder.append(gid) }
            state.tasks[gid] = Asana.Task(
                gid: gid,
                name: try record.string("name"),
                notes: notes,
                htmlNotes: record.optional("html_notes") ?? "<body>\(HTMLNotes.escape(notes))</body>",
                workspace: try state.workspace(record),
                projects: projects,
                assignee: record.optional("assignee"),
                completed: record.object["completed"]?.bool ?? false,
                completedAt: nil,
                dueOn: record.optional("due_on"),
                createdAt: created,
                modifiedAt: created,
                customFieldValues: [:],
                createdBy: state.me
            )
        }
        try each("stories") { state, record throws(SeedError) in
            let task = try record.string("task")
            guard state.tasks[task] != nil else { throw SeedError("unknown task \(task)") }
            let text = try record.string("text")
            state.stories[task, default: []].append(
                Asana.Story(
                    gid: try record.gid(),
                    text: text,
                    htmlText: "<body>\(HTMLNotes.escape(text))</body>",
                    createdAt: record.optional("created_at") ?? AsanaState.now(),
                    createdBy: record.optional("created_by") ?? state.me,
                    target: task
                )
            )
        }
        self = next
        return ["added": .object(counts)]
    }

    /// A deterministic, numeric custom-field-setting gid (projects never have more than 99 settings here).
    func settingGid(project: String, field: String, index: Int) -> String {
        let suffix = String(format: "%02d", index % 100)
        return "15" + String(project.suffix(14)) + suffix
    }

    func workspace(_ record: Record) throws(SeedError) -> String {
        let gid = record.optional("workspace") ?? workspaceOrder.first ?? ""
        guard workspaces[gid] != nil else { throw SeedError("unknown workspace '\(gid)' (seed workspaces first)") }
        return gid
    }

    /// One mapping of a seed document, with helpers that name the missing field.
    struct Record {
        let object: [String: JSON]

        func string(_ key: String) throws(SeedError) -> String {
            guard let value = object[key]?.string, !value.isEmpty else { throw SeedError("'\(key)' is required") }
            return value
        }

        func optional(_ key: String) -> String? { object[key]?.string }

        func gid() throws(SeedError) -> String {
            let gid = try string("gid")
            guard gid.allSatisfy(\.isNumber) else { throw SeedError("gid '\(gid)' must be digits (quote it in YAML)") }
            return gid
        }

        func gids(_ key: String) throws(SeedError) -> [String] {
            guard let value = object[key], !value.isNull else { return [] }
            guard let list = value.array else { throw SeedError("'\(key)' must be a list of gids") }
            var out: [String] = []
            for item in list {
                guard let gid = item.string else { throw SeedError("'\(key)' must be a list of gids") }
                out.append(gid)
            }
            return out
        }
    }
}
