/// A service error code as AWS spells it (`QueueDoesNotExist`, `AWS.SimpleQueueService.NonExistentQueue`,
/// `ResourceNotFoundException`, `ThrottlingException` …). A struct rather than an enum: services add codes.
public struct AWSErrorCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    // SQS, in the legacy (query protocol) spelling that `x-amzn-query-error` carries and the SDKs report.
    public static let sqsNonExistentQueue: Self = "AWS.SimpleQueueService.NonExistentQueue"
    public static let sqsReceiptHandleIsInvalid: Self = "ReceiptHandleIsInvalid"
    public static let sqsBatchEntryIdsNotDistinct: Self = "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"
    public static let sqsEmptyBatchRequest: Self = "AWS.SimpleQueueService.EmptyBatchRequest"
    public static let sqsTooManyEntriesInBatchRequest: Self = "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"
    public static let sqsBatchRequestTooLong: Self = "AWS.SimpleQueueService.BatchRequestTooLong"
    public static let sqsMessageNotInflight: Self = "AWS.SimpleQueueService.MessageNotInflight"
    public static let invalidParameterValue: Self = "InvalidParameterValue"
    public static let missingParameter: Self = "MissingParameter"
    public static let accessDenied: Self = "AccessDenied"
    public static let signatureDoesNotMatch: Self = "SignatureDoesNotMatch"
    public static let invalidClientTokenId: Self = "InvalidClientTokenId"
    public static let throttling: Self = "Throttling"

    // Secrets Manager.
    public static let resourceNotFound: Self = "ResourceNotFoundException"
    public static let decryptionFailure: Self = "DecryptionFailure"
    public static let invalidRequest: Self = "InvalidRequestException"
    public static let invalidParameter: Self = "InvalidParameterException"
    public static let internalServiceError: Self = "InternalServiceError"
}
