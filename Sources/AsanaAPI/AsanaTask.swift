/// A task as Asana returns it (only the fields asked for with `opt_fields`).
public struct AsanaTask: Decodable, Sendable, Equatable {
    public var gid: String
    public var name: String?
    public var notes: String?
    public var permalinkURL: String?
    public var createdAt: String?

    private enum CodingKeys: String, CodingKey {
        case gid, name, notes
        case permalinkURL = "permalink_url"
        case createdAt = "created_at"
    }

    public init(
        gid: String,
        name: String? = nil,
        notes: String? = nil,
        permalinkURL: String? = nil,
        createdAt: String? = nil
    ) {
        self.gid = gid
        self.name = name
        self.notes = notes
        self.permalinkURL = permalinkURL
        self.createdAt = createdAt
    }

    /// The permalink, else the classic `https://app.asana.com/0/0/{gid}` form.
    public var url: String { permalinkURL ?? "https://app.asana.com/0/0/\(gid)" }
}
