import Foundation

/// Everything the Asana stub knows, as one value: seeded records plus what requests created. The stub keeps it
/// behind a lock; every operation here is plain, synchronous and testable without I/O.
package struct AsanaState: Sendable {
    package var workspaces: [String: Asana.Workspace] = [:]
    package var workspaceOrder: [String] = []
    package var users: [String: Asana.User] = [:]
    /// The user the accepted token belongs to (`GET /users/me`).
    package var me: String = ""
    package var customFields: [String: Asana.CustomField] = [:]
    package var projects: [String: Asana.Project] = [:]
    package var projectOrder: [String] = []
    package var portfolios: [String: Asana.Portfolio] = [:]
    package var portfolioOrder: [String] = []
    package var tasks: [String: Asana.Task] = [:]
    package var taskOrder: [String] = []
    package var stories: [String: [Asana.Story]] = [:]
    /// The next gid handed out to a created record.
    package var nextGid: UInt64 = 1_400_000_000_000_001
    /// Where `permalink_url`s point.
    package var appURL = "https://app.asana.com"

    package init() {}

    package mutating func newGid() -> String {
        defer { nextGid += 1 }
        return String(nextGid)
    }

    /// The time stamp the stub writes for records it creates.
    package static func now() -> String { ISO8601.format(Date()) }

    // MARK: Representations (the full record; `AsanaFields` trims them to `opt_fields`)

    func compactUser(_ gid: String) -> JSON {
        ["gid": .string(gid), "name": .string(users[gid]?.name ?? ""), "resource_type": "user"]
    }

    func compactWorkspace(_ gid: String) -> JSON {
        ["gid": .string(gid), "name": .string(workspaces[gid]?.name ?? ""), "resource_type": "workspace"]
    }

    func compactProject(_ gid: String) -> JSON {
        ["gid": .string(gid), "name": .string(projects[gid]?.name ?? ""), "resource_type": "project"]
    }

    func compactTask(_ gid: String) -> JSON {
        [
            "gid": .string(gid), "name": .string(tasks[gid]?.name ?? ""), "resource_type": "task",
            "resource_subtype": "default_task",
        ]
    }

    func userJSON(_ user: Asana.User) -> JSON {
        [
            "gid": .string(user.gid), "resource_type": "user", "name": .string(user.name),
            "email": .string(user.email), "photo": .null,
            "workspaces": .array(workspaceOrder.map(compactWorkspace)),
        ]
    }

    func workspaceJSON(_ workspace: Asana.Workspace) -> JSON {
        [
            "gid": .string(workspace.gid), "resource_type": "workspace", "name": .string(workspace.name),
            "is_organization": true, "email_domains": ["example.com"],
        ]
    }

    func enumOptionJSON(_ option: Asana.EnumOption) -> JSON {
        [
            "gid": .string(option.gid), "resource_type": "enum_option", "name": .string(option.name),
            "enabled": .bool(option.enabled), "color": .string(option.color),
        ]
    }

    func customFieldJSON(_ field: Asana.CustomField) -> JSON {
        var object: [String: JSON] = [
            "gid": .string(field.gid), "resource_type": "custom_field", "name": .string(field.name),
            "type": .string(field.type), "resource_subtype": .string(field.type), "enabled": true,
            "is_global_to_workspace": false, "has_notifications_enabled": false, "description": "",
        ]
        if field.type == "enum" { object["enum_options"] = .array(field.enumOptions.map(enumOptionJSON)) }
        if field.type == "number" { object["precision"] = .number(Double(field.precision)) }
        return .object(object)
    }

    func projectJSON(_ project: Asana.Project) -> JSON {
        [
            "gid": .string(project.gid), "resource_type": "project", "name": .string(project.name),
            "archived": .bool(project.archived), "created_at": .string(project.createdAt),
            "modified_at": .string(project.createdAt), "notes": .string(project.notes), "color": .null,
            "public": true, "default_view": "list",
            "owner": project.owner.map(compactUser) ?? .null,
            "workspace": compactWorkspace(project.workspace),
            "custom_field_settings": .array(customFieldSettingsJSON(project)),
            "custom_fields": .array(
                project.customFieldSettings.compactMap { customFields[$0.field] }.map(customFieldJSON)
            ),
            "permalink_url": .string("\(appURL)/0/\(project.gid)/list"),
        ]
    }

    func customFieldSettingsJSON(_ project: Asana.Project) -> [JSON] {
        project.customFieldSettings.compactMap { setting in
            guard let field = customFields[setting.field] else { return nil }
            return [
                "gid": .string(setting.setting), "resource_type": "custom_field_setting", "is_important": true,
                "custom_field": customFieldJSON(field), "parent": compactProject(project.gid),
                "project": compactProject(project.gid),
            ]
        }
    }

    func portfolioJSON(_ portfolio: Asana.Portfolio) -> JSON {
        [
            "gid": .string(portfolio.gid), "resource_type": "portfolio", "name": .string(portfolio.name),
            "created_at": .string(portfolio.createdAt), "owner": compactUser(portfolio.owner),
            "workspace": compactWorkspace(portfolio.workspace), "color": "light-green", "public": false,
            "permalink_url": .string("\(appURL)/0/portfolio/\(portfolio.gid)/list"),
        ]
    }

    func portfolioItemJSON(_ gid: String) -> JSON {
        if let project = projects[gid] { return projectJSON(project) }
        if let portfolio = portfolios[gid] { return portfolioJSON(portfolio) }
        return ["gid": .string(gid), "resource_type": "project"]
    }

    /// Every custom field the task can carry: those of all its projects, in project order, without repeats.
    func fieldsOn(projects gids: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for gid in gids {
            for setting in projects[gid]?.customFieldSettings ?? [] where seen.insert(setting.field).inserted {
                out.append(setting.field)
            }
        }
        return out
    }

    func taskJSON(_ task: Asana.Task) -> JSON {
        let fields: [JSON] = fieldsOn(projects: task.projects).compactMap { gid in
            guard let field = customFields[gid] else { return nil }
            guard case .object(var object) = customFieldJSON(field) else { return nil }
            let value = task.customFieldValues[gid]
            switch field.type {
            case "enum":
                let option = value?.enumOption.flatMap { id in field.enumOptions.first { $0.gid == id } }
                object["enum_value"] = option.map(enumOptionJSON) ?? .null
                object["display_value"] = option.map { .string($0.name) } ?? .null
            case "number":
                object["number_value"] = value?.number.map(JSON.number) ?? .null
                object["display_value"] = value?.number.map { .string(JSON.number($0).text) } ?? .null
            default:
                object["text_value"] = value?.text.map(JSON.string) ?? .null
                object["display_value"] = value?.text.map(JSON.string) ?? .null
            }
            return .object(object)
        }
        let permalinkProject = task.projects.first ?? "0"
        return [
            "gid": .string(task.gid), "resource_type": "task", "resource_subtype": "default_task",
            "name": .string(task.name), "notes": .string(task.notes), "html_notes": .string(task.htmlNotes),
            "completed": .bool(task.completed), "completed_at": task.completedAt.map(JSON.string) ?? .null,
            "created_at": .string(task.createdAt), "modified_at": .string(task.modifiedAt),
            "due_on": task.dueOn.map(JSON.string) ?? .null, "due_at": .null, "start_on": .null,
            "assignee": task.assignee.map(compactUser) ?? .null, "assignee_status": "inbox",
            "created_by": ["gid": .string(task.createdBy), "resource_type": "user"],
            "workspace": compactWorkspace(task.workspace), "projects": .array(task.projects.map(compactProject)),
            "memberships": .array(task.projects.map { ["project": compactProject($0)] }),
            "custom_fields": .array(fields), "followers": .array([compactUser(task.createdBy)]), "tags": [],
            "parent": .null, "num_subtasks": 0, "liked": false, "num_likes": 0,
            "permalink_url": .string("\(appURL)/0/\(permalinkProject)/\(task.gid)"),
        ]
    }

    func storyJSON(_ story: Asana.Story) -> JSON {
        [
            "gid": .string(story.gid), "resource_type": "story", "resource_subtype": "comment_added",
            "type": "comment", "text": .string(story.text), "html_text": .string(story.htmlText),
            "created_at": .string(story.createdAt), "created_by": compactUser(story.createdBy),
            "target": compactTask(story.target), "is_pinned": false, "is_edited": false,
        ]
    }
}
