import Foundation

/// The body of `POST /tasks` (`{"data": {…}}`).
public struct NewTask: Sendable, Equatable {
    public enum FieldValue: Sendable, Equatable {
        /// An enum option gid.
        case option(String)
        case number(Double)
        case text(String)
    }

    public var name: String
    public var notes: String
    public var projects: [String]
    public var workspace: String?
    /// Custom field gid → value.
    public var customFields: [String: FieldValue]

    public init(
        name: String,
        notes: String,
        projects: [String],
        workspace: String? = nil,
        customFields: [String: FieldValue] = [:]
    ) {
        self.name = name
        self.notes = notes
        self.projects = projects
        self.workspace = workspace
        self.customFields = customFields
    }

    public var jsonObject: [String: Any] {
        var data: [String: Any] = ["name": name, "notes": notes, "projects": projects]
        if let workspace { data["workspace"] = workspace }
        if !customFields.isEmpty {
            data["custom_fields"] = customFields.mapValues { value -> Any in
                switch value {
                case .option(let gid): gid
                case .number(let number): number
                case .text(let text): text
                }
            }
        }
        return ["data": data]
    }
}
