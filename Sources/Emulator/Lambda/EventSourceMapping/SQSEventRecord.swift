import AWSClient
import Foundation

/// One record of the SQS event as Lambda delivers it. (To be replaced by `LambdaEvents`' type when it lands; the
/// JSON is the contract.)
package struct SQSEventRecord: Codable, Sendable, Equatable {
    package var messageId: String
    package var receiptHandle: String
    package var body: String
    package var attributes: [String: String]
    package var messageAttributes: [String: MessageAttribute]
    package var md5OfBody: String
    package var md5OfMessageAttributes: String?
    package var eventSource: String
    package var eventSourceARN: String
    package var awsRegion: String

    /// A message attribute in the event's lower-camel shape.
    package struct MessageAttribute: Codable, Sendable, Equatable {
        package var stringValue: String?
        package var binaryValue: String?
        package var stringListValues: [String]
        package var binaryListValues: [String]
        package var dataType: String
    }

    package init(message: MappingQueueMessage, eventSourceARN: String, region: String) {
        messageId = message.messageID
        receiptHandle = message.receiptHandle
        body = message.body
        attributes = message.attributes
        messageAttributes = message.messageAttributes.mapValues {
            MessageAttribute(
                stringValue: $0.stringValue, binaryValue: $0.binaryValue?.base64EncodedString(), stringListValues: [],
                binaryListValues: [], dataType: $0.dataType)
        }
        md5OfBody = message.md5OfBody
        md5OfMessageAttributes = message.md5OfMessageAttributes
        eventSource = "aws:sqs"
        self.eventSourceARN = eventSourceARN
        awsRegion = region
    }

    /// The record's JSON, as it appears inside the event.
    package func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// `{"Records":[…]}` from already encoded records.
    package static func event(encodedRecords: [Data]) -> Data {
        var data = Data(#"{"Records":["#.utf8)
        for (index, record) in encodedRecords.enumerated() {
            if index > 0 { data.append(UInt8(ascii: ",")) }
            data.append(record)
        }
        data.append(contentsOf: Array("]}".utf8))
        return data
    }
}
