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

    /// A replica in another region (`AddReplicaRegions`). The emulator is one region: the replica is recorded
    /// and reported, never served.
    package struct Replica: Codable, Sendable, Equatable {
        package var region: String
        package var kmsKeyId: String?
        /// `InSync`, `InProgress` or `Failed`.
        package var status: String
        package var statusMessage: String?
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
    /// Rotation as `RotateSecret` configured it: `nil` until rotation was ever turned on (AWS then omits the
    /// fields); `false` after `CancelRotateSecret`, which keeps the function and rules for DescribeSecret.
    package var rotationEnabled: Bool?
    package var rotationLambdaARN: String?
    package var rotationRules: SecretRotationRules?
    package var lastRotatedDate: Double?
    package var nextRotationDate: Double?
    /// The resource policy (`PutResourcePolicy`), as given.
    package var resourcePolicy: String?
    /// Replicas in other regions; `nil` (older records) reads as none.
    package var replicas: [Replica]?

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

    /// The region of the secret's ARN (the primary region).
    package var primaryRegion: String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 3 ? String(parts[3]) : nil
    }

    /// The ARN the secret's replica has in `region`: the primary's with the region changed.
    package func replicaARN(in region: String) -> String {
        var parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 3 { parts[3] = region }
        return parts.joined(separator: ":")
    }

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
        if let rotationEnabled {
            out["RotationEnabled"] = rotationEnabled
            if let rotationLambdaARN { out["RotationLambdaARN"] = rotationLambdaARN }
            if let rotationRules { out["RotationRules"] = rotationRules.json }
            // AWS reports both dates only while rotation is on.
            if rotationEnabled, let lastRotatedDate { out["LastRotatedDate"] = lastRotatedDate }
            if rotationEnabled, let nextRotationDate { out["NextRotationDate"] = nextRotationDate }
        }
        if let primaryRegion { out["PrimaryRegion"] = primaryRegion }
        if let replicas, !replicas.isEmpty { out["ReplicationStatus"] = replicas.map(\.json) }
        return out
    }
}

extension Secret.Replica {
    /// A `ReplicationStatus` entry.
    package var json: [String: Any] {
        var out: [String: Any] = ["Region": region, "Status": status]
        if let kmsKeyId { out["KmsKeyId"] = kmsKeyId }
        if let statusMessage { out["StatusMessage"] = statusMessage }
        return out
    }
}
