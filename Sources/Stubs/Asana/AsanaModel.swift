import Foundation

/// The records the Asana stub keeps. Gids are strings of digits, as Asana's are.
package enum Asana {
    package struct Workspace: Sendable {
        package var gid: String
        package var name: String
    }

    package struct User: Sendable {
        package var gid: String
        package var name: String
        package var email: String
    }

    package struct EnumOption: Sendable {
        package var gid: String
        package var name: String
        package var enabled: Bool
        package var color: String
    }

    package struct CustomField: Sendable {
        package var gid: String
        package var name: String
        /// `enum`, `number` or `text`.
        package var type: String
        package var enumOptions: [EnumOption]
        package var precision: Int
        package var workspace: String
    }

    package struct Project: Sendable {
        package var gid: String
        package var name: String
        package var workspace: String
        package var archived: Bool
        package var createdAt: String
        package var owner: String?
        package var notes: String
        /// Custom field gids in display order, each with its setting gid.
        package var customFieldSettings: [(setting: String, field: String)]
    }

    package struct Portfolio: Sendable {
        package var gid: String
        package var name: String
        package var workspace: String
        package var owner: String
        package var createdAt: String
        /// Project (or portfolio) gids in order.
        package var items: [String]
    }

    package struct CustomFieldValue: Sendable {
        package var field: String
        package var enumOption: String?
        package var number: Double?
        package var text: String?
    }

    package struct Task: Sendable {
        package var gid: String
        package var name: String
        package var notes: String
        package var htmlNotes: String
        package var workspace: String
        package var projects: [String]
        package var assignee: String?
        package var completed: Bool
        package var completedAt: String?
        package var dueOn: String?
        package var createdAt: String
        package var modifiedAt: String
        package var customFieldValues: [String: CustomFieldValue]
        package var createdBy: String
    }

    package struct Story: Sendable {
        package var gid: String
        package var text: String
        package var htmlText: String
        package var createdAt: String
        package var createdBy: String
        package var target: String
    }
}
