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

    /// Adds a version that takes `stages` (AWSCURRENT by default); the version that was current becomes
    /// AWSPREVIOUS, and the one that was previous loses that label (and is dropped if it has none left).
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
        versions.removeAll { $0.stages.isEmpty }
        versions.append(version)
    }

    /// The JSON shape of `DescribeSecret` (and of `ListSecrets` entries).
    package var description_: [String: Any] {
        var out: [String: Any] = [
            "ARN": arn, "Name": name, "CreatedDate": createdDate, "LastChangedDate": lastChangedDate,
            "VersionIdsToStages": Dictionary(uniqueKeysWithValues: versions.map { ($0.id, $0.stages) }),
        ]
        if let description { out["Description"] = description }
        if let kmsKeyId { out["KmsKeyId"] = kmsKeyId }
        if let lastAccessedDate { out["LastAccessedDate"] = lastAccessedDate }
        if let deletionDate { out["DeletedDate"] = deletionDate }
        if !tags.isEmpty { out["Tags"] = tags.map { ["Key": $0.key, "Value": $0.value] } }
        return out
    }
}
