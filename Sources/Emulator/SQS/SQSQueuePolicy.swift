import Foundation

/// A queue's `Policy` attribute as `AddPermission` and `RemovePermission` edit it: an IAM policy document whose
/// statements each carry the permission's label as `Sid`. AWS writes one statement per `AddPermission`:
/// `Effect` Allow, `Principal.AWS` the accounts' root ARNs, `Action` the `SQS:`-prefixed actions, `Resource`
/// the queue's ARN, a single value written as a string and several as a list.
package struct SQSQueuePolicy {
    /// What `AddPermission` may grant: what another account may be allowed to do to a queue. Batch actions are
    /// not separate permissions (the single action covers its batch), and AWS refuses them in a policy.
    package static let grantableActions: Set<String> = [
        "*", "ChangeMessageVisibility", "DeleteMessage", "GetQueueAttributes", "GetQueueUrl",
        "ListDeadLetterSourceQueues", "PurgeQueue", "ReceiveMessage", "SendMessage",
    ]
    package static let maximumActionsPerStatement = 7
    package static let maximumStatements = 20

    package var document: [String: Any]

    /// The policy in `attributes["Policy"]`, or a new empty one for the queue `queueArn`.
    package init(json: String?, queueArn: String) throws(AWSError) {
        guard let json, !json.isEmpty else {
            document = ["Version": "2012-10-17", "Id": "\(queueArn)/SQSDefaultPolicy", "Statement": [] as [Any]]
            return
        }
        guard let data = json.data(using: .utf8),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else {
            throw AWSError("InvalidAttributeValue", "Invalid value for the parameter Policy.")
        }
        document = object
    }

    /// The statements; a lone statement object (allowed in IAM documents) counts as a list of one.
    package var statements: [[String: Any]] {
        if let list = document["Statement"] as? [[String: Any]] { return list }
        if let single = document["Statement"] as? [String: Any] { return [single] }
        return []
    }

    package var labels: [String] { statements.compactMap { $0["Sid"] as? String } }

    /// Adds the statement for one `AddPermission`, refusing a label already in use and more than
    /// `maximumStatements` statements (AWS's `OverLimit`).
    package mutating func add(label: String, accounts: [String], actions: [String], queueArn: String) throws(AWSError) {
        guard !labels.contains(label) else {
            throw AWSError.invalidParameterValue(
                "Value \(label) for parameter Label is invalid. Reason: Already exists."
            )
        }
        let principals = accounts.map { "arn:aws:iam::\($0):root" }
        let prefixed = actions.map { "SQS:\($0)" }
        let statement: [String: Any] = [
            "Sid": label, "Effect": "Allow",
            "Principal": ["AWS": principals.count == 1 ? principals[0] as Any : principals as Any],
            "Action": prefixed.count == 1 ? prefixed[0] as Any : prefixed as Any,
            "Resource": queueArn,
        ]
        let all = statements + [statement]
        guard all.count <= Self.maximumStatements else {
            throw Self.overLimit(
                "\(all.count) statements were found in the submitted policy, max allowed is \(Self.maximumStatements)"
            )
        }
        document["Statement"] = all
    }

    /// Removes the statement labelled `label`; a label the policy does not have is refused as AWS does.
    package mutating func remove(label: String) throws(AWSError) {
        let kept = statements.filter { ($0["Sid"] as? String) != label }
        guard kept.count < statements.count else {
            throw AWSError.invalidParameterValue(
                "Value \(label) for parameter Label is invalid. Reason: can't find label on existing policy."
            )
        }
        document["Statement"] = kept
    }

    /// The attribute's new value: nil (no `Policy` attribute) once the last statement is gone.
    package var json: String? {
        guard !statements.isEmpty,
            let data = try? JSONSerialization.data(
                withJSONObject: document,
                options: [.sortedKeys, .withoutEscapingSlashes]
            )
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// `OverLimit`, the error SQS answers a policy over its limits with (HTTP 403).
    package static func overLimit(_ message: String) -> AWSError {
        AWSError("OverLimit", message, status: 403)
    }
}
