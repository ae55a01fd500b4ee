import Foundation

extension SecretsManagerService {
    func getResourcePolicy(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        let secret = try existing(input, in: state)
        var out: [String: Any] = ["ARN": secret.arn, "Name": secret.name]
        if let policy = secret.resourcePolicy { out["ResourcePolicy"] = policy }
        return out
    }

    /// PutResourcePolicy: a policy document (else MalformedPolicyDocumentException); with `BlockPublicPolicy`
    /// one that grants broad access is refused (PublicPolicyException). The words of both are ours.
    func putResourcePolicy(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        var secret = try existing(input, in: state)
        guard secret.deletionDate == nil else { throw Self.markedForDeletion }
        let policy = try SecretResourcePolicy(try input.requiredString("ResourcePolicy"))
        if let finding = policy.syntaxFindings.first {
            throw AWSError("MalformedPolicyDocumentException", finding.message)
        }
        if try input.bool("BlockPublicPolicy") ?? false, policy.grantsBroadAccess {
            throw AWSError(
                "PublicPolicyException",
                "The BlockPublicPolicy parameter is set to true, and the resource policy grants broad access to "
                    + "the secret."
            )
        }
        secret.resourcePolicy = policy.text
        secret.lastChangedDate = now
        try save(secret, into: &state)
        return ["ARN": secret.arn, "Name": secret.name]
    }

    func deleteResourcePolicy(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        var secret = try existing(input, in: state)
        guard secret.deletionDate == nil else { throw Self.markedForDeletion }
        if secret.resourcePolicy != nil {
            secret.resourcePolicy = nil
            secret.lastChangedDate = now
            try save(secret, into: &state)
        }
        return ["ARN": secret.arn, "Name": secret.name]
    }

    /// ValidateResourcePolicy: text that is not JSON is refused; a document that is not a policy, or one that
    /// grants broad access, fails validation with its findings in `ValidationErrors`.
    func validateResourcePolicy(_ input: JSONInput, _ state: inout State) throws(AWSError) -> [String: Any] {
        if input.has("SecretId") { _ = try existing(input, in: state) }
        let findings = try SecretResourcePolicy(try input.requiredString("ResourcePolicy")).findings
        return [
            "PolicyValidationPassed": findings.isEmpty,
            "ValidationErrors": findings.map { ["CheckName": $0.checkName, "ErrorMessage": $0.message] },
        ]
    }
}
