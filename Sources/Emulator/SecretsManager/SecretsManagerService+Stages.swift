import Foundation

extension SecretsManagerService {
    /// UpdateSecretVersionStage: adds a staging label to a version (`MoveToVersionId`), taking it from the
    /// version that has it, which must then be named (`RemoveFromVersionId`), or only removes it. Moving
    /// AWSCURRENT makes the version that had it AWSPREVIOUS. A version left without labels is deprecated.
    func updateVersionStage(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        var secret = try existing(input, in: state)
        guard secret.deletionDate == nil else { throw Self.markedForDeletion }
        let stage = try input.requiredString("VersionStage")
        guard (1...256).contains(stage.count) else {
            throw Self.validation(stage, at: "versionStage", "Member must have length less than or equal to 256")
        }
        let moveTo = try input.string("MoveToVersionId")
        let removeFrom = try input.string("RemoveFromVersionId")
        for id in [moveTo, removeFrom].compactMap({ $0 }) where secret.version(id: id) == nil {
            throw AWSError(
                "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret value for VersionId: \(id)"
            )
        }
        let holder = secret.version(stage: stage)?.id
        // The wording of the next three refusals is ours, except the one about an empty RemoveFromVersionId,
        // which is AWS's.
        guard moveTo != nil || removeFrom != nil else {
            throw Self.invalidParameter("You must specify MoveToVersionId, RemoveFromVersionId or both.")
        }
        if let removeFrom, holder != removeFrom {
            throw Self.invalidParameter(
                "The staging label \(stage) is not attached to version \(removeFrom), given in RemoveFromVersionId."
            )
        }
        if let moveTo, let holder, holder != moveTo, removeFrom == nil {
            throw Self.invalidParameter(
                "The parameter RemoveFromVersionId can't be empty. Staging label \(stage) is currently attached to "
                    + "version \(holder), so you must explicitly reference that version in RemoveFromVersionId."
            )
        }
        guard let moveTo else {
            guard stage != "AWSCURRENT" else {
                throw Self.invalidParameter(
                    "You can't remove the staging label AWSCURRENT from a version; move it to another version."
                )
            }
            if let index = secret.versions.firstIndex(where: { $0.id == removeFrom }) {
                secret.versions[index].stages.removeAll { $0 == stage }
            }
            secret.lastChangedDate = now
            try save(secret, into: &state)
            return ["ARN": secret.arn, "Name": secret.name]
        }
        if holder != moveTo {
            for index in secret.versions.indices {
                secret.versions[index].stages.removeAll { $0 == stage }
                if stage == "AWSCURRENT" {
                    secret.versions[index].stages.removeAll { $0 == "AWSPREVIOUS" }
                    if secret.versions[index].id == holder { secret.versions[index].stages.append("AWSPREVIOUS") }
                }
                if secret.versions[index].id == moveTo { secret.versions[index].stages.append(stage) }
            }
            secret.lastChangedDate = now
            try save(secret, into: &state)
        }
        return ["ARN": secret.arn, "Name": secret.name]
    }
}
