import Foundation

/// Lookups and writes with Asana's validation rules.
extension AsanaState {
    func project(_ call: AsanaCall, _ text: String) throws(AsanaStubError) -> Asana.Project {
        let gid = try call.gid(text, "project")
        guard let project = projects[gid] else { throw AsanaStubError.unknown("project", gid) }
        return project
    }

    func portfolio(_ call: AsanaCall, _ text: String) throws(AsanaStubError) -> Asana.Portfolio {
        let gid = try call.gid(text, "portfolio")
        guard let portfolio = portfolios[gid] else { throw AsanaStubError.unknown("portfolio", gid) }
        return portfolio
    }

    func task(_ call: AsanaCall, _ text: String) throws(AsanaStubError) -> Asana.Task {
        let gid = try call.gid(text, "task")
        guard let task = tasks[gid] else { throw AsanaStubError.unknown("task", gid) }
        return task
    }

    static let taskFields: Set<String> = [
        "name", "notes", "html_notes", "projects", "workspace", "custom_fields", "assignee", "completed", "due_on",
        "followers", "tags", "memberships", "resource_subtype", "parent", "start_on", "due_at", "assignee_section",
    ]

    /// `POST /tasks`.
    mutating func createTask(_ data: [String: JSON]) throws(AsanaStubError) -> Asana.Task {
        try checkKnown(data)
        let projectGids = try gidList(data["projects"], "projects")
        for (index, gid) in projectGids.enumerated() where projects[gid] == nil {
            throw AsanaStubError(400, "projects: [\(index)]: Unknown object: \(gid)")
        }
        var workspace = projectGids.first.flatMap { projects[$0]?.workspace }
        if let value = data["workspace"] {
            guard let gid = value.string, workspaces[gid] != nil else {
                throw AsanaStubError(400, "workspace: Unknown object: \(value.string ?? value.text)")
            }
            if let fromProject = workspace, fromProject != gid {
                throw AsanaStubError(400, "workspace: Does not match the workspace of the projects")
            }
            workspace = gid
        }
        guard let workspace else {
            throw AsanaStubError(400, "You should specify one of workspace, parent, projects")
        }
        let name = try optionalString(data["name"], "name") ?? ""
        let (notes, html) = try notesPair(data)
        let values = try customFieldValues(data["custom_fields"], projects: projectGids)
        let now = AsanaState.now()
        let task = Asana.Task(
            gid: newGid(),
            name: name,
            notes: notes,
            htmlNotes: html,
            workspace: workspace,
            projects: projectGids,
            assignee: try assignee(data["assignee"]),
            completed: try optionalBool(data["completed"], "completed") ?? false,
            completedAt: nil,
            dueOn: try optionalString(data["due_on"], "due_on"),
            createdAt: now,
            modifiedAt: now,
            customFieldValues: values,
            createdBy: me
        )
        tasks[task.gid] = task
        taskOrder.append(task.gid)
        return task
    }

    /// `PUT /tasks/{gid}`: only the fields given change.
    /// `DELETE /tasks/{gid}`: gone from every list (Asana's trash is not modelled).
    mutating func deleteTask(_ gid: String) {
        tasks[gid] = nil
        taskOrder.removeAll { $0 == gid }
        stories[gid] = nil
    }

    mutating func updateTask(_ gid: String, _ data: [String: JSON]) throws(AsanaStubError) -> Asana.Task {
        try checkKnown(data)
        if data["projects"] != nil || data["workspace"] != nil {
            throw AsanaStubError(400, "projects: Cannot write this property; use addProject/removeProject")
        }
        var task = tasks[gid]!
        if let name = try optionalString(data["name"], "name") { task.name = name }
        if data["notes"] != nil || data["html_notes"] != nil { (task.notes, task.htmlNotes) = try notesPair(data) }
        if data["custom_fields"] != nil {
            task.customFieldValues.merge(try customFieldValues(data["custom_fields"], projects: task.projects)) {
                _,
                new in new
            }
        }
        if data["assignee"] != nil { task.assignee = try assignee(data["assignee"]) }
        if let completed = try optionalBool(data["completed"], "completed") {
            task.completedAt = completed && !task.completed ? AsanaState.now() : (completed ? task.completedAt : nil)
            task.completed = completed
        }
        if data["due_on"] != nil { task.dueOn = try optionalString(data["due_on"], "due_on") }
        task.modifiedAt = AsanaState.now()
        tasks[gid] = task
        return task
    }

    /// `POST /tasks/{gid}/stories`.
    mutating func addStory(_ task: String, _ data: [String: JSON]) throws(AsanaStubError) -> Asana.Story {
        let text: String
        let html: String
        if let value = data["html_text"] {
            guard let rich = value.string else { throw AsanaStubError(400, "html_text: Not a string") }
            if let problem = HTMLNotes.problem(rich) {
                throw AsanaStubError(400, "html_text: XML is invalid: \(problem)")
            }
            html = rich
            text = HTMLNotes.plainText(rich)
        } else if let value = data["text"] {
            guard let plain = value.string else { throw AsanaStubError(400, "text: Not a string") }
            text = plain
            html = "<body>\(HTMLNotes.escape(plain))</body>"
        } else {
            throw AsanaStubError(400, "text: Missing input")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AsanaStubError(400, "text: Cannot be empty")
        }
        let story = Asana.Story(
            gid: newGid(),
            text: text,
            htmlText: html,
            createdAt: AsanaState.now(),
            createdBy: me,
            target: task
        )
        stories[task, default: []].append(story)
        tasks[task]?.modifiedAt = story.createdAt
        return story
    }

    private func checkKnown(_ data: [String: JSON]) throws(AsanaStubError) {
        if let unknown = data.keys.sorted().first(where: { !AsanaState.taskFields.contains($0) }) {
            throw AsanaStubError(400, "\(unknown): Unknown property: \(unknown)")
        }
    }

    private func notesPair(_ data: [String: JSON]) throws(AsanaStubError) -> (String, String) {
        if data["notes"] != nil && data["html_notes"] != nil {
            throw AsanaStubError(400, "You may only provide one of notes or html_notes")
        }
        if let value = data["html_notes"] {
            guard let html = value.string else { throw AsanaStubError(400, "html_notes: Not a string") }
            if let problem = HTMLNotes.problem(html) {
                throw AsanaStubError(400, "html_notes: XML is invalid: \(problem)")
            }
            return (HTMLNotes.plainText(html), html)
        }
        let notes = try optionalString(data["notes"], "notes") ?? ""
        return (notes, "<body>\(HTMLNotes.escape(notes))</body>")
    }

    private func assignee(_ value: JSON?) throws(AsanaStubError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.string else { throw AsanaStubError(400, "assignee: Not a valid user") }
        let gid = text == "me" ? me : text
        guard users[gid] != nil else { throw AsanaStubError(400, "assignee: Unknown object: \(text)") }
        return gid
    }

    private func customFieldValues(
        _ value: JSON?,
        projects projectGids: [String]
    ) throws(AsanaStubError) -> [String: Asana.CustomFieldValue] {
        guard let value, !value.isNull else { return [:] }
        guard let map = value.object else { throw AsanaStubError(400, "custom_fields: Value must be an object") }
        let allowed = Set(fieldsOn(projects: projectGids))
        var out: [String: Asana.CustomFieldValue] = [:]
        for (gid, fieldValue) in map.sorted(by: { $0.key < $1.key }) {
            guard let field = customFields[gid] else {
                throw AsanaStubError(400, "custom_fields: Unknown object: \(gid)")
            }
            guard allowed.contains(gid) else {
                throw AsanaStubError(400, "Custom field with ID \(gid) is not on given object")
            }
            var result = Asana.CustomFieldValue(field: gid)
            switch field.type {
            case "enum" where !fieldValue.isNull:
                guard let optionGid = fieldValue.string else {
                    throw AsanaStubError(
                        400,
                        "custom_fields: Custom field \(gid) is an enum; set it to an enum option gid"
                    )
                }
                guard let option = field.enumOptions.first(where: { $0.gid == optionGid }) else {
                    throw AsanaStubError(400, "custom_fields: enum_value: Unknown object: \(optionGid)")
                }
                guard option.enabled else {
                    throw AsanaStubError(
                        400,
                        "custom_fields: Enum option \(optionGid) is disabled; choose an enabled option"
                    )
                }
                result.enumOption = optionGid
            case "number" where !fieldValue.isNull:
                guard let number = fieldValue.number else {
                    throw AsanaStubError(
                        400,
                        "custom_fields: Custom field \(gid) is a number; its value must be a number"
                    )
                }
                result.number = number
            case "text" where !fieldValue.isNull:
                guard let text = fieldValue.string else {
                    throw AsanaStubError(400, "custom_fields: Custom field \(gid) is text; its value must be a string")
                }
                result.text = text
            default: break
            }
            out[gid] = result
        }
        return out
    }

    private func gidList(_ value: JSON?, _ key: String) throws(AsanaStubError) -> [String] {
        guard let value, !value.isNull else { return [] }
        if let single = value.string { return [single] }
        guard let list = value.array else { throw AsanaStubError(400, "\(key): Value must be an array of gids") }
        var out: [String] = []
        for (index, item) in list.enumerated() {
            guard let gid = item.string, !gid.isEmpty, gid.allSatisfy(\.isNumber) else {
                throw AsanaStubError(400, "\(key): [\(index)]: Not a Long: \(item.string ?? item.text)")
            }
            out.append(gid)
        }
        return out
    }

    private func optionalString(_ value: JSON?, _ key: String) throws(AsanaStubError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard case .string(let text) = value else { throw AsanaStubError(400, "\(key): Not a string: \(value.text)") }
        return text
    }

    private func optionalBool(_ value: JSON?, _ key: String) throws(AsanaStubError) -> Bool? {
        guard let value, !value.isNull else { return nil }
        guard let flag = value.bool else { throw AsanaStubError(400, "\(key): Not a boolean: \(value.text)") }
        return flag
    }
}
