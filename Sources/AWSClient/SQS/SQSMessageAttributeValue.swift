import Foundation

/// One SQS message attribute, as the JSON protocol carries it (`DataType`, `StringValue`, `BinaryValue`
/// base64). `DataType` is `String`, `Number` or `Binary`, optionally followed by `.customLabel`.
public struct SQSMessageAttributeValue: Codable, Sendable, Equatable {
    public var dataType: String
    public var stringValue: String?
    public var binaryValue: Data?

    public init(dataType: String, stringValue: String? = nil, binaryValue: Data? = nil) {
        self.dataType = dataType
        self.stringValue = stringValue
        self.binaryValue = binaryValue
    }

    public static func string(_ value: String) -> Self { .init(dataType: "String", stringValue: value) }
    public static func number(_ value: String) -> Self { .init(dataType: "Number", stringValue: value) }
    public static func binary(_ value: Data) -> Self { .init(dataType: "Binary", binaryValue: value) }

    enum CodingKeys: String, CodingKey {
        case dataType = "DataType"
        case stringValue = "StringValue"
        case binaryValue = "BinaryValue"
    }
}
