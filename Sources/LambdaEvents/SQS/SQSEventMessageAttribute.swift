import Foundation

/// One user message attribute of an SQS record, in the lower-camel-case shape Lambda uses (which differs from
/// the SQS API's `StringValue`/`BinaryValue`). Binary values are base64 text, kept as sent; Lambda always sends
/// `stringListValues` and `binaryListValues`, empty when unused.
public struct SQSEventMessageAttribute: Codable, Sendable, Equatable {
    public var stringValue: String?
    /// Base64 text of the binary value.
    public var binaryValue: String?
    public var stringListValues: [String]
    /// Base64 text of each value.
    public var binaryListValues: [String]
    /// `String`, `Number` or `Binary`, optionally followed by `.customLabel`.
    public var dataType: String

    public init(
        dataType: String,
        stringValue: String? = nil,
        binaryValue: String? = nil,
        stringListValues: [String] = [],
        binaryListValues: [String] = []
    ) {
        self.dataType = dataType
        self.stringValue = stringValue
        self.binaryValue = binaryValue
        self.stringListValues = stringListValues
        self.binaryListValues = binaryListValues
    }

    /// A `String` attribute.
    public static func string(_ value: String) -> Self { .init(dataType: "String", stringValue: value) }
    /// A `Number` attribute; SQS carries numbers as their decimal text.
    public static func number(_ value: String) -> Self { .init(dataType: "Number", stringValue: value) }
    /// A `Binary` attribute from raw bytes.
    public static func binary(_ bytes: Data) -> Self {
        .init(dataType: "Binary", binaryValue: bytes.base64EncodedString())
    }

    /// The decoded bytes of `binaryValue`; nil when there is none, an error when it is not valid base64.
    public var binaryBytes: Data? {
        get throws(LambdaEventError) {
            guard let binaryValue else { return nil }
            guard let bytes = Data(base64Encoded: binaryValue) else {
                throw LambdaEventError(.invalidBase64, "message attribute binaryValue is not valid base64")
            }
            return bytes
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stringValue = try container.decodeIfPresent(String.self, forKey: .stringValue)
        binaryValue = try container.decodeIfPresent(String.self, forKey: .binaryValue)
        stringListValues = try container.decodeIfPresent([String].self, forKey: .stringListValues) ?? []
        binaryListValues = try container.decodeIfPresent([String].self, forKey: .binaryListValues) ?? []
        dataType = try container.decode(String.self, forKey: .dataType)
    }

    enum CodingKeys: String, CodingKey {
        case stringValue, binaryValue, stringListValues, binaryListValues, dataType
    }
}
