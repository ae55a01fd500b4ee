import Foundation
import LambdaEvents

/// What becomes of a batch's messages after the function ran, by Lambda's rules for SQS.
package struct SQSMappingBatchResult: Sendable, Equatable {
    package enum Reason: Sendable, Equatable {
        /// Every record succeeded.
        case success
        /// The function reported these records as failed; the others are deleted.
        case partialFailure
        /// The invocation failed (error, timeout, crash): nothing is deleted.
        case functionError(String)
        /// The batch response broke the rules (invalid JSON, a bad or unknown `itemIdentifier`): the whole batch
        /// counts as failed.
        case invalidBatchResponse(String)
    }

    package var reason: Reason
    /// Receipt handles to delete.
    package var delete: [String]
    /// Message ids left to reappear after the visibility timeout.
    package var retry: [String]

    /// Applies the rules. With `ReportBatchItemFailures`: a function error deletes nothing; a null or empty
    /// `batchItemFailures` (or none at all, or a null/empty response) deletes all; a list deletes all the others;
    /// an `itemIdentifier` that is missing, empty, not a string or not in the batch, or a response that is not
    /// JSON, fails the whole batch. Without it, any error fails the batch and any response deletes it.
    package static func evaluate(
        records: [SQSEventRecord],
        outcome: LambdaInvocationOutcome,
        reportBatchItemFailures: Bool
    ) -> SQSMappingBatchResult {
        let all = records.map(\.messageId)
        let payload: Data
        switch outcome {
        case .failure(let error):
            return SQSMappingBatchResult(reason: .functionError(error.errorType), delete: [], retry: all)
        case .success(let data):
            payload = data
        }
        let success = SQSMappingBatchResult(reason: .success, delete: records.map(\.receiptHandle), retry: [])
        guard reportBatchItemFailures else { return success }
        func invalid(_ why: String) -> SQSMappingBatchResult {
            SQSMappingBatchResult(reason: .invalidBatchResponse(why), delete: [], retry: all)
        }
        let trimmed = String(decoding: payload, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed == "null" { return success }
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8), options: [.fragmentsAllowed])
        else { return invalid("the response is not JSON") }
        guard let object = parsed as? [String: Any] else { return invalid("the response is not a JSON object") }
        guard let listValue = object["batchItemFailures"], !(listValue is NSNull) else { return success }
        guard let list = listValue as? [Any] else { return invalid("batchItemFailures is not a list") }
        var failed: [String] = []
        for item in list {
            guard let entry = item as? [String: Any], let identifier = entry["itemIdentifier"] as? String,
                !identifier.isEmpty
            else { return invalid("an itemIdentifier is missing, empty or not a string") }
            guard all.contains(identifier) else { return invalid("itemIdentifier \(identifier) is not in the batch") }
            if !failed.contains(identifier) { failed.append(identifier) }
        }
        if failed.isEmpty { return success }
        let delete = records.filter { !failed.contains($0.messageId) }.map(\.receiptHandle)
        return SQSMappingBatchResult(reason: .partialFailure, delete: delete, retry: failed)
    }
}
