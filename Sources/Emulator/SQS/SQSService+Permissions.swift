import Foundation

/// `AddPermission` and `RemovePermission`: statements in the queue's `Policy` attribute, stored (and so durable)
/// with the queue's other attributes. The emulator records them; it does not enforce them (every caller is the
/// queue's owner here).
extension SQSService {
    func addPermission(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let label = try input.requiredString("Label")
        try Self.checkLabel(label)
        guard let accounts = try input.stringList("AWSAccountIds"), !accounts.isEmpty else {
            throw AWSError.missingParameter("AWSAccountIds")
        }
        guard let actions = try input.stringList("Actions"), !actions.isEmpty else {
            throw AWSError.missingParameter("Actions")
        }
        for action in actions where !SQSQueuePolicy.grantableActions.contains(action) {
            throw AWSError.invalidParameterValue(
                "Value SQS:\(action) for parameter ActionName is invalid. Reason: Please refer to the appropriate WSDL for a list of valid actions."
            )
        }
        guard actions.count <= SQSQueuePolicy.maximumActionsPerStatement else {
            throw SQSQueuePolicy.overLimit(
                "\(actions.count) actions were found in a statement from the submitted policy, max allowed is \(SQSQueuePolicy.maximumActionsPerStatement)"
            )
        }
        for account in accounts where account.count != 12 || !account.allSatisfy(\.isASCIIDigit) {
            throw AWSError.invalidParameterValue(
                "Value \(account) for parameter PrincipalId is invalid. Reason: Unable to verify principal."
            )
        }
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            try mutateQueue(name, in: &state) { queue throws(AWSError) in
                var policy = try SQSQueuePolicy(json: queue.attributes["Policy"], queueArn: arn(name))
                try policy.add(label: label, accounts: accounts, actions: actions, queueArn: arn(name))
                try savePolicy(policy, in: &queue)
            }
            return [:]
        }
    }

    func removePermission(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let label = try input.requiredString("Label")
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            try mutateQueue(name, in: &state) { queue throws(AWSError) in
                var policy = try SQSQueuePolicy(json: queue.attributes["Policy"], queueArn: arn(name))
                try policy.remove(label: label)
                try savePolicy(policy, in: &queue)
            }
            return [:]
        }
    }

    /// Commits `policy` as the queue's `Policy` attribute and then applies it in memory (lock held).
    private func savePolicy(_ policy: SQSQueuePolicy, in queue: inout SQSQueue) throws(AWSError) {
        var changed = queue
        changed.attributes["Policy"] = policy.json
        changed.modifiedAt = nowMillis
        try commit([.queue(StoredQueue(changed))])
        queue = changed
    }

    /// A permission label: 1–80 characters, alphanumerics, hyphens and underscores.
    static func checkLabel(_ label: String) throws(AWSError) {
        let valid =
            (1...80).contains(label.count)
            && label.unicodeScalars.allSatisfy {
                ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" || $0 == "_"
            }
        guard valid else {
            throw AWSError.invalidParameterValue(
                "Value \(label) for parameter Label is invalid. Reason: Label can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length."
            )
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
