/// One entry of a batch call that failed (`Failed[]` of SendMessageBatch, DeleteMessageBatch,
/// ChangeMessageVisibilityBatch).
public struct SQSBatchResultErrorEntry: Codable, Sendable, Equatable {
    public var id: String
    public var code: String
    public var message: String?
    /// `true` when the request was at fault (retrying it unchanged will fail again).
    public var senderFault: Bool

    public init(id: String, code: String, message: String? = nil, senderFault: Bool) {
        self.id = id
        self.code = code
        self.message = message
        self.senderFault = senderFault
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case code = "Code"
        case message = "Message"
        case senderFault = "SenderFault"
    }
}
