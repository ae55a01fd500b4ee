import Foundation

/// An item of a portfolio (`GET /portfolios/{gid}/items`): usually a project.
public struct PortfolioItem: Decodable, Sendable, Equatable {
    public var gid: String
    public var name: String?
    public var resourceType: String?
    /// ISO 8601, e.g. `2026-11-01T00:00:00.000Z`.
    public var createdAt: String?
    public var archived: Bool?

    private enum CodingKeys: String, CodingKey {
        case gid, name
        case resourceType = "resource_type"
        case createdAt = "created_at"
        case archived
    }

    public init(
        gid: String,
        name: String? = nil,
        resourceType: String? = "project",
        createdAt: String? = nil,
        archived: Bool? = false
    ) {
        self.gid = gid
        self.name = name
        self.resourceType = resourceType
        self.createdAt = createdAt
        self.archived = archived
    }

    public var createdDate: Date? {
        guard let createdAt else { return nil }
        if let date = try? Date(createdAt, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(createdAt, strategy: Date.ISO8601FormatStyle())
    }
}

extension Array where Element == PortfolioItem {
    /// The newest non-archived project (by `created_at`; ties and missing dates by gid, the later the newer).
    public var newestLiveProject: PortfolioItem? {
        filter { ($0.resourceType ?? "project") == "project" && $0.archived != true }
            .max { lhs, rhs in
                let l = lhs.createdDate ?? .distantPast
                let r = rhs.createdDate ?? .distantPast
                if l != r { return l < r }
                return (lhs.gid.count, lhs.gid) < (rhs.gid.count, rhs.gid)
            }
    }
}
