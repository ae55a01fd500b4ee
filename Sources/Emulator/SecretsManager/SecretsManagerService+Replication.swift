import Foundation

/// Replicas: recorded on the primary secret and reported in `ReplicationStatus` as AWS reports them once a
/// replica is created (`InSync`). The emulator serves one region, so a replica is never readable anywhere.
/// Where AWS's words for a refusal are not published, they are ours.
extension SecretsManagerService {
    /// `AddReplicaRegions` (`[{Region, KmsKeyId}]`), checked; `nil` when the request has none.
    static func replicaRegions(
        _ input: JSONInput,
        key: String,
        primary: String
    ) throws(AWSError)
        -> [Secret.Replica]?
    {
        guard let entries = try input.objectList(key) else { return nil }
        let path = key.prefix(1).lowercased() + key.dropFirst()
        guard !entries.isEmpty else {
            throw validation("[]", at: path, "Member must have length greater than or equal to 1")
        }
        var replicas: [Secret.Replica] = []
        for (index, entry) in entries.enumerated() {
            let region = try entry.requiredString("Region")
            guard isRegion(region) else {
                throw validation(
                    region,
                    at: "\(path).\(index + 1).member.region",
                    #"Member must satisfy regular expression pattern: ^([a-z]+-)+\d+$"#
                )
            }
            guard region != primary else {
                throw invalidParameter("You can't replicate a secret to its primary Region (\(region)).")
            }
            guard !replicas.contains(where: { $0.region == region }) else {
                throw invalidParameter("The Region \(region) is given more than once.")
            }
            replicas.append(
                Secret.Replica(
                    region: region,
                    kmsKeyId: try entry.string("KmsKeyId") ?? "alias/aws/secretsmanager",
                    status: "InSync",
                    statusMessage: "Replication succeeded"
                )
            )
        }
        return replicas
    }

    /// The model's pattern for a Region code, `^([a-z]+-)+\d+$`.
    static func isRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isASCII),
            last.allSatisfy(\.isNumber)
        else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }

    func replicate(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        var secret = try existing(input, in: state)
        guard secret.deletionDate == nil else { throw Self.markedForDeletion }
        let added = try Self.replicaRegions(input, key: "AddReplicaRegions", primary: region) ?? []
        guard !added.isEmpty else { throw AWSError.missingParameter("AddReplicaRegions") }
        var replicas = secret.replicas ?? []
        if let already = added.first(where: { new in replicas.contains { $0.region == new.region } }) {
            throw Self.invalidParameter("The secret is already replicated to the Region \(already.region).")
        }
        replicas += added
        secret.replicas = replicas
        secret.lastChangedDate = now
        try save(secret, into: &state)
        return ["ARN": secret.arn, "ReplicationStatus": replicas.map(\.json)]
    }

    func removeReplicaRegions(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        var secret = try existing(input, in: state)
        guard let regions = try input.stringList("RemoveReplicaRegions") else {
            throw AWSError.missingParameter("RemoveReplicaRegions")
        }
        guard !regions.isEmpty else {
            throw Self.validation(
                "[]",
                at: "removeReplicaRegions",
                "Member must have length greater than or equal to 1"
            )
        }
        var replicas = secret.replicas ?? []
        if let missing = regions.first(where: { region in !replicas.contains { $0.region == region } }) {
            throw Self.invalidParameter("The secret isn't replicated to the Region \(missing).")
        }
        replicas.removeAll { regions.contains($0.region) }
        secret.replicas = replicas.isEmpty ? nil : replicas
        secret.lastChangedDate = now
        try save(secret, into: &state)
        return ["ARN": secret.arn, "ReplicationStatus": replicas.map(\.json)]
    }

    /// StopReplicationToReplica names the replica by its ARN (the primary's with the replica's Region) and is
    /// called in the replica's Region; the replica becomes a secret of its own there and leaves the primary's
    /// `ReplicationStatus`. Named by a secret of this (the primary) Region, the call is refused.
    func stopReplication(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        let id = try input.requiredString("SecretId")
        for var secret in state.secrets.values {
            guard
                let replica = (secret.replicas ?? []).first(where: { replica in
                    let arn = secret.replicaARN(in: replica.region)
                    return arn == id || String(arn.dropLast(7)) == id
                })
            else { continue }
            secret.replicas?.removeAll { $0.region == replica.region }
            if secret.replicas?.isEmpty == true { secret.replicas = nil }
            secret.lastChangedDate = now
            try save(secret, into: &state)
            return ["ARN": secret.replicaARN(in: replica.region)]
        }
        guard let secret = find(id, in: state) else { throw Self.notFound }
        throw Self.invalidRequest(
            "The secret \(secret.name) is a primary secret in \(region), not a replica: call "
                + "StopReplicationToReplica in the replica's Region with the replica's ARN."
        )
    }
}
