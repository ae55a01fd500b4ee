import AWSClient
import Foundation
import LambdaEvents

extension SQSEventRecord {
    /// The record Lambda delivers for a received message.
    package init(message: MappingQueueMessage, eventSourceARN: String, region: String) {
        var other = message.attributes
        func take(_ key: String) -> String? { other.removeValue(forKey: key) }
        let attributes = SQSEventRecordAttributes(
            approximateReceiveCount: take("ApproximateReceiveCount") ?? "1",
            sentTimestamp: take("SentTimestamp") ?? "0",
            senderId: take("SenderId") ?? "",
            approximateFirstReceiveTimestamp: take("ApproximateFirstReceiveTimestamp") ?? "0",
            messageGroupId: take("MessageGroupId"),
            messageDeduplicationId: take("MessageDeduplicationId"),
            sequenceNumber: take("SequenceNumber"),
            awsTraceHeader: take("AWSTraceHeader"),
            deadLetterQueueSourceArn: take("DeadLetterQueueSourceArn"),
            other: other
        )
        self.init(
            messageId: message.messageID,
            receiptHandle: message.receiptHandle,
            body: message.body,
            attributes: attributes,
            messageAttributes: message.messageAttributes.mapValues {
                SQSEventMessageAttribute(
                    dataType: $0.dataType,
                    stringValue: $0.stringValue,
                    binaryValue: $0.binaryValue?.base64EncodedString()
                )
            },
            md5OfBody: message.md5OfBody,
            md5OfMessageAttributes: message.md5OfMessageAttributes,
            eventSourceARN: eventSourceARN,
            awsRegion: region
        )
    }

    /// The record's JSON, as it appears inside the event.
    package func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// `{"Records":[…]}` from already encoded records (the event is assembled once, from the same bytes the
    /// payload limit was counted on).
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
