import Foundation

/// One secret with its versions and staging labels, as Secrets Manager keeps it. Times are epoch seconds.
package struct Secret: Codable, Sendable, Equatable {
    package struct Version: Codable, Sendable, Equatable {
        package var id: String
        package var secretString: String?
        /// Base64, as the JSON protocol carries it.
        package var secretBinary: String?
        package var createdDate: Double
        package var stages: [String]
    }

    package struct Tag: Codable, Sendable, Equatable {
        package var key: String
        package var value: String
    }

    package var name: String
    package var arn: String
    package var description: String?
    package var kmsKeyId: String?
    package var tags: [Tag]
    package var createdDate: Double
    package var lastChangedDate: Double
    package var lastAccessedDate: Double?
    /// When a scheduled deletion takes effect; `nil` when not deleted.
    package var deletionDate: Double?
    package var versions: [Version]

    package func version(id: String) -> Version? { versions.first { $0.id == id } }
    package func version(stage: String) -> Version? { versions.first { $0.stages.contains(stage) } }

    /// How many versions a secret keeps: past it, the oldest versions without a staging label go (AWS keeps
    /// about 100 and removes deprecated ones beyond that).
    package static let versionLimit = 100

    /// Adds a version that takes `stages` (AWSCURRENT by default); the version that was current becomes
    /// AWSPREVIOUS, and the one that was previous loses that label. A version left without labels is
    /// deprecated: still readable by its `VersionId`, no longer in `VersionIdsToStages`, dropped (oldest first)
    /// once the secret has more than `versionLimit` versions.
    package mutating func addVersion(_ version: Version) {
        let movesCurrent = version.stages.contains("AWSCURRENT")
        let oldCurrent = self.version(stage: "AWSCURRENT")?.id
        for index in versions.indices {
            versions[index].stages.removeAll { version.stages.contains($0) }
            if movesCurrent {
                versions[index].stages.removeAll { $0 == "AWSPREVIOUS" }
                if versions[index].id == oldCurrent { versions[index].stages.append("AWSPREVIOUS") }
            }
        }
        versions.append(version)
        while versions.count > Self.versionLimit, let oldest = versions.firstIndex(where: { $0.stages.isEmpty }) {
            versions.remove(at: oldest)
        }
    }

    /// Versions that carry at least one staging label.
    package var labelledVersions: [Version] { versions.filter { !$0.stages.isEmpty } }

    /// The JSON shape of `DescribeSecret` (and of `ListSecrets` entries).
    package var description_: [String: Any] {
        var out: [String: Any] = [
            "ARN": arn, "Name": name, "CreatedDate": createdDate, "LastChangedDate": lastChangedDate,
            "VersionIdsToStages": Dictionary(labelledVersions.map { ($0.id, $0.stages) }) { first, _ in first },
        ]
        if let description { out["Description"] = description }
        if let kmsKeyId { out["KmsKeyId"] = kmsKeyId }
        if let lastAccessedDate { out["LastAccessedDate"] = lastAccessedDate }
        if let deletionDate { out["DeletedDate"] = deletionDate }
        if !tags.isEmpty { out["Tags"] = tags.map { ["Key": $0.key, "Value": $0.value] } }
        return out
    }
}
