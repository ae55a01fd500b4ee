import Foundation

/// Queue-level operations.
extension SQSService {
    static func checkQueueName(_ name: String) throws(AWSError) {
        let fifo = name.hasSuffix(".fifo")
        let base = fifo ? String(name.dropLast(5)) : name
        let valid =
            !base.isEmpty && name.count <= 80
            && base.unicodeScalars.allSatisfy {
                ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" || $0 == "_"
            }
        guard valid else {
            throw AWSError.invalidParameterValue(
                fifo
                    ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length."
                    : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
            )
        }
    }

    func createQueue(_ input: JSONInput, caller: CallerContext) throws(AWSError) -> [String: Any] {
        let name = try input.requiredString("QueueName")
        try Self.checkQueueName(name)
        let requested = try input.stringMap("Attributes") ?? [:]
        let tags = try input.stringMap("tags") ?? [:]
        let fifo = name.hasSuffix(".fifo")
        // A name ending in .fifo without FifoQueue=true asks for a standard queue, whose names cannot hold a
        // dot: AWS refuses it with the standard name rule.
        if fifo, requested["FifoQueue"] != "true" {
            throw AWSError.invalidParameterValue(
                "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
            )
        }
        if requested["FifoQueue"] == "true", !fifo {
            throw AWSError.invalidParameterValue(
                "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length."
            )
        }
        let attributes = try SQSQueueAttributes.validate(requested, fifo: fifo, creating: true)
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            try checkRedriveTarget(attributes["RedrivePolicy"], fifo: fifo, in: state)
            if let existing = state.queues[name] {
                for (key, value) in attributes where (existing.attributes[key] ?? "") != value {
                    throw AWSError(
                        "QueueNameExists",
                        queryCode: "QueueAlreadyExists",
                        "A queue already exists with the same name and a different value for attribute \(key)"
                    )
                }
                return ["QueueUrl": url(name, host: caller.host)]
            }
            let queue = SQSQueue(name: name, attributes: attributes, tags: tags, now: nowMillis)
            try commit([.queue(StoredQueue(queue))])
            state.queues[name] = queue
            return ["QueueUrl": url(name, host: caller.host)]
        }
    }

    /// A `RedrivePolicy` must name an existing queue of the same type (lock held).
    func checkRedriveTarget(_ policy: String?, fifo: Bool, in state: State) throws(AWSError) {
        guard let policy, !policy.isEmpty else { return }
        let parsed = try SQSRedrivePolicy(json: policy)
        guard let target = Self.queueName(fromArn: parsed.deadLetterTargetArn), let dlq = state.queues[target] else {
            throw AWSError.invalidParameterValue(
                "Value \(policy) for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist."
            )
        }
        guard dlq.isFIFO == fifo else {
            throw AWSError.invalidParameterValue(
                "Value \(policy) for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be same type of queue as the source.."
            )
        }
    }

    func getQueueURL(_ input: JSONInput, caller: CallerContext) throws(AWSError) -> [String: Any] {
        let name = try input.requiredString("QueueName")
        if let owner = try input.string("QueueOwnerAWSAccountId"), owner != accountID { throw Self.queueDoesNotExist }
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            guard state.queues[name] != nil else { throw Self.queueDoesNotExist }
            return ["QueueUrl": url(name, host: caller.host)]
        }
    }

    func listQueues(_ input: JSONInput, caller: CallerContext) throws(AWSError) -> [String: Any] {
        let prefix = try input.string("QueueNamePrefix") ?? ""
        let maxResults = try input.int("MaxResults")
        if let maxResults, !(1...1000).contains(maxResults) {
            throw AWSError.invalidParameterValue(
                "Value \(maxResults) for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000."
            )
        }
        let start = try input.string("NextToken").map { token throws(AWSError) -> String in
            guard let data = Data(base64Encoded: token), let name = String(data: data, encoding: .utf8) else {
                throw AWSError.invalidParameterValue("Invalid NextToken value.")
            }
            return name
        }
        let names = locked { state in state.queues.keys.filter { $0.hasPrefix(prefix) }.sorted() }
        let remaining = start.map { after in names.filter { $0 > after } } ?? names
        let page = Array(remaining.prefix(maxResults ?? 1000))
        var out: [String: Any] = [:]
        if !page.isEmpty { out["QueueUrls"] = page.map { url($0, host: caller.host) } }
        if let maxResults, remaining.count > maxResults, let last = page.last {
            out["NextToken"] = Data(last.utf8).base64EncodedString()
        }
        return out
    }

    func deleteQueue(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            // Its move tasks go with it (a queue created again under the name starts with none); a running
            // task's driver finds its task gone and stops.
            let tasks = state.moveTasks.values.filter { $0.sourceArn == arn(name) }.map(\.taskHandle)
            try commit(
                [.deleteQueue(name: name)] + tasks.map { .deleteRecord(kind: SQSMoveTask.recordKind, key: $0) }
            )
            state.queues[name] = nil
            for handle in tasks { state.moveTasks[handle] = nil }
            return [:]
        }
    }

    func getQueueAttributes(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let requested = try input.stringList("AttributeNames") ?? []
        for name in requested where !SQSQueueAttributes.names.contains(name) {
            throw SQSQueueAttributes.invalidName(name)
        }
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            let now = nowMillis
            try expireMessages(in: name, now: now, state: &state)
            guard let queue = state.queues[name] else { throw Self.queueDoesNotExist }
            var all = queue.attributes
            let counts = queue.counts(now: now)
            all["ApproximateNumberOfMessages"] = String(counts.visible)
            all["ApproximateNumberOfMessagesNotVisible"] = String(counts.notVisible)
            all["ApproximateNumberOfMessagesDelayed"] = String(counts.delayed)
            all["CreatedTimestamp"] = String(queue.createdAt / 1000)
            all["LastModifiedTimestamp"] = String(queue.modifiedAt / 1000)
            all["QueueArn"] = arn(name)
            let wanted = requested.contains("All") ? all : all.filter { requested.contains($0.key) }
            return wanted.isEmpty ? [:] : ["Attributes": wanted]
        }
    }

    /// Drops messages past retention from one queue and commits it (lock held).
    func expireMessages(in name: String, now: Int64, state: inout State) throws(AWSError) {
        guard state.queues[name] != nil else { return }
        let expired = try mutateQueue(name, in: &state) { $0.expire(now: now) }
        guard !expired.isEmpty else { return }
        try commit(expired.map { .deleteMessage(queue: name, id: $0) })
    }

    func setQueueAttributes(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let requested = try input.stringMap("Attributes") ?? [:]
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            guard var queue = state.queues[name] else { throw Self.queueDoesNotExist }
            let attributes = try SQSQueueAttributes.validate(requested, fifo: queue.isFIFO, creating: false)
            try checkRedriveTarget(attributes["RedrivePolicy"], fifo: queue.isFIFO, in: state)
            queue.setAttributes(attributes, now: nowMillis)
            try commit([.queue(StoredQueue(queue))])
            state.queues[name] = queue
            return [:]
        }
    }

    func tagQueue(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let tags = try input.stringMap("Tags") ?? [:]
        guard !tags.isEmpty else { throw AWSError.missingParameter("Tags") }
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            guard var queue = state.queues[name] else { throw Self.queueDoesNotExist }
            queue.tags.merge(tags) { _, new in new }
            guard queue.tags.count <= 50 else {
                throw AWSError.invalidParameterValue("Too many tags added for queue \(name).")
            }
            try commit([.queue(StoredQueue(queue))])
            state.queues[name] = queue
            return [:]
        }
    }

    func untagQueue(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        let keys = try input.stringList("TagKeys") ?? []
        guard !keys.isEmpty else { throw AWSError.missingParameter("TagKeys") }
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            guard var queue = state.queues[name] else { throw Self.queueDoesNotExist }
            for key in keys { queue.tags[key] = nil }
            try commit([.queue(StoredQueue(queue))])
            state.queues[name] = queue
            return [:]
        }
    }

    func listQueueTags(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            let tags = state.queues[name]?.tags ?? [:]
            return tags.isEmpty ? [:] : ["Tags": tags]
        }
    }

    func purgeQueue(_ input: JSONInput) throws(AWSError) -> [String: Any] {
        try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            try commit([.purgeQueue(name: name)])
            _ = try mutateQueue(name, in: &state) { $0.purge() }
            return [:]
        }
    }

    func listDeadLetterSourceQueues(_ input: JSONInput, caller: CallerContext) throws(AWSError) -> [String: Any] {
        let maxResults = try input.int("MaxResults")
        return try locked { (state: inout State) throws(AWSError) -> [String: Any] in
            let name = try existingQueueName(input, in: state)
            let target = arn(name)
            let sources = state.queues.values.filter { $0.redrivePolicy?.deadLetterTargetArn == target }.map(\.name)
                .sorted()
            let page = Array(sources.prefix(maxResults ?? 1000))
            return ["queueUrls": page.map { url($0, host: caller.host) }]
        }
    }
}
