/// Finds the queue behind an event source ARN; the SQS engine implements it next to `MappingQueue`.
package protocol MappingQueueProvider: Sendable {
    /// `nil` when no queue has this ARN.
    func queue(arn: String) async -> (any MappingQueue)?
}
